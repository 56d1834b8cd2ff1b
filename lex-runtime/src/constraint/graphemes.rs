//! Counting extended grapheme clusters (UAX #29), the unit of `minGraphemes` and
//! `maxGraphemes`, exactly as `unicode-segmentation` counts them with `graphemes(true)`.
//!
//! ASCII text is counted without the segmenter: no ASCII character is `Extend`, `ZWJ`,
//! `SpacingMark`, `Prepend` or a regional indicator, so the only ASCII pair that rule
//! GB3-GB999 keeps together is CR LF. Every other ASCII byte is its own cluster.

use unicode_segmentation::UnicodeSegmentation;

/// Extended grapheme clusters in `s`, counting at most `cap` when the segmenter has to run
/// (ASCII text is counted in full: it costs no more than checking it is ASCII).
pub(crate) fn count(s: &str, cap: u64) -> u64 {
    let bytes = s.as_bytes();
    if bytes.is_ascii() {
        let crlf = bytes.windows(2).filter(|w| *w == b"\r\n").count();
        return (bytes.len() - crlf) as u64;
    }
    let cap = usize::try_from(cap).unwrap_or(usize::MAX);
    s.graphemes(true).take(cap).count() as u64
}

#[cfg(test)]
mod tests {
    use unicode_segmentation::UnicodeSegmentation;

    use super::count;

    fn segmenter(s: &str) -> u64 {
        s.graphemes(true).count() as u64
    }

    /// The ASCII shortcut agrees with the segmenter on every pair and on every triple of a
    /// character set that covers each ASCII grapheme class (controls, CR, LF, others).
    #[test]
    fn ascii_shortcut_matches_the_segmenter() {
        for a in 0u8..128 {
            for b in 0u8..128 {
                let s = String::from_utf8(vec![a, b]).unwrap_or_default();
                assert_eq!(count(&s, u64::MAX), segmenter(&s), "{s:?}");
            }
        }
        let classes = [b'\r', b'\n', b'\t', 0, 0x7f, b' ', b'a', b'#', b'*', b'1'];
        for &a in &classes {
            for &b in &classes {
                for &c in &classes {
                    let s = String::from_utf8(vec![a, b, c]).unwrap_or_default();
                    assert_eq!(count(&s, u64::MAX), segmenter(&s), "{s:?}");
                }
            }
        }
    }

    /// The cases where a simpler count (code points, UTF-16 units, legacy clusters, or
    /// "one per byte unless CR LF" applied beyond ASCII) gives another answer than extended
    /// clusters. Before the validators shared this function, the generated `validate()`
    /// counted with the segmenter in full and the dynamic validator with the ASCII shortcut
    /// and a capped segmenter; these pin that both paths give the one answer.
    #[test]
    fn extended_clusters_are_the_unit() {
        let cases: &[(&str, u64)] = &[
            ("", 0),
            ("abc", 3),
            ("a\r\nb", 3),                             // CR LF is one cluster (GB3)
            ("a\n\rb", 4),                             // LF CR is not
            ("\r\r\n", 2),                             // CR | CR LF
            ("e\u{301}x", 2),                          // combining acute accent extends (GB9)
            ("\u{1F1E9}\u{1F1EA}\u{1F1EB}", 2),        // regional indicators pair up (GB12/13)
            ("\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}", 1), // ZWJ emoji sequence (GB11)
            ("\u{1F44D}\u{1F3FD}", 1),                 // emoji modifier is Extend
            ("\u{D55C}\u{AE00}", 2),                   // precomposed Hangul syllables
            ("\u{1112}\u{1161}\u{11AB}", 1),           // Hangul jamo L V T (GB6-8)
            ("\u{0915}\u{093F}", 1), // Devanagari spacing mark (GB9a, extended only)
            ("\u{0600}1", 1),        // Arabic number sign is Prepend (GB9b, extended only)
            ("\u{0915}\u{094D}\u{0937}", 1), // Indic conjunct (GB9c)
            ("a\u{200D}b", 2),       // ZWJ extends `a`, but `b` is not pictographic
        ];
        for &(s, want) in cases {
            assert_eq!(segmenter(s), want, "segmenter on {s:?}");
            assert_eq!(count(s, u64::MAX), want, "count on {s:?}");
        }
        // Legacy clusters split these two; extended ones keep them whole.
        for s in ["\u{0915}\u{093F}", "\u{0600}1"] {
            assert_eq!(s.graphemes(false).count(), 2, "legacy on {s:?}");
            assert_eq!(count(s, u64::MAX), 1, "count on {s:?}");
        }
    }

    #[test]
    fn the_cap_bounds_only_the_segmenter() {
        assert_eq!(count("ééééé", 3), 3);
        assert_eq!(count("aaaaa", 3), 5);
    }
}
