//! Display width of text in columns, measured the way prettier measures it, so lines
//! break at the same place: wide East Asian characters and emoji count 2, combining
//! marks and control characters 0, everything else 1.

use super::width_table::RANGES;

/// The width of `text` in columns.
pub(crate) fn str_width(text: &str) -> usize {
    // Printable ASCII (prettier's fast path includes DEL) is one column per byte.
    if text.bytes().all(|b| (0x20..=0x7F).contains(&b)) {
        return text.len();
    }
    let mut width = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let w = char_width(c);
        if is_emoji_start(c, w) && continues_emoji(chars.peek().copied()) {
            // Prettier counts a whole emoji sequence (skin tone, ZWJ family, flag,
            // keycap, `U+FE0F` presentation) as one 2-column emoji.
            while let Some(&next) = chars.peek() {
                if next == ZWJ {
                    chars.next();
                    chars.next();
                } else if is_modifier(next) {
                    chars.next();
                } else {
                    break;
                }
            }
            width += 2;
            continue;
        }
        if is_regional_indicator(c) && chars.peek().copied().is_some_and(is_regional_indicator) {
            // A flag: two regional indicators, one emoji.
            chars.next();
            width += 2;
            continue;
        }
        width += w;
    }
    width
}

const ZWJ: char = '\u{200D}';

/// The width of one character on its own.
fn char_width(c: char) -> usize {
    let cp = u32::from(c);
    if cp == 0x7F {
        return 0;
    }
    let i = RANGES.partition_point(|&(_, last, _)| last < cp);
    match RANGES.get(i) {
        Some(&(first, _, w)) if first <= cp => usize::from(w),
        _ => 1,
    }
}

/// Whether `c` can start an emoji sequence: a wide (emoji) character, any non-ASCII
/// character (`❤` followed by `U+FE0F`), or a keycap base.
fn is_emoji_start(c: char, width: usize) -> bool {
    width == 2 || (!c.is_ascii() && width == 1) || matches!(c, '0'..='9' | '#' | '*')
}

/// Whether `next` continues an emoji sequence started by the previous character.
fn continues_emoji(next: Option<char>) -> bool {
    next.is_some_and(|n| n == ZWJ || is_modifier(n))
}

/// Skin tones, the emoji presentation selector, the keycap mark and tag characters.
fn is_modifier(c: char) -> bool {
    matches!(u32::from(c), 0x1F3FB..=0x1F3FF | 0xFE0F | 0x20E3 | 0xE0020..=0xE007F)
}

fn is_regional_indicator(c: char) -> bool {
    matches!(u32::from(c), 0x1F1E6..=0x1F1FF)
}

#[cfg(test)]
mod tests {
    use super::str_width;

    #[test]
    fn widths_match_prettier() {
        // Expected values are what prettier 3's `util.getStringWidth` returns.
        let cases = [
            ("abc", 3),
            ("\"é\"", 3),
            ("日本語", 6),
            ("a\u{301}", 1),
            ("👍", 2),
            ("👍🏽", 2),
            ("👨\u{200D}👩\u{200D}👧", 2),
            ("#\u{FE0F}\u{20E3}", 2),
            ("🇫🇷", 2),
            ("❤\u{FE0F}", 2),
            ("☺", 1),
            ("\u{7F}", 1),
            ("é\u{7F}", 1),
        ];
        for (text, expected) in cases {
            assert_eq!(str_width(text), expected, "{text:?}");
        }
    }
}
