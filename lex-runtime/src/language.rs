//! `language` format: `&str` -> [`Language`] (a BCP 47 / RFC 5646 language tag).
//!
//! Strict profile (the TS `parseLanguageString` behaviour the spec digest recommends): the
//! tag must be well-formed per the RFC 5646 ABNF, its primary language subtag must be 2-3
//! lowercase letters unless the whole tag is grandfathered or private use, and no variant
//! or extension singleton may repeat (compared case-insensitively, RFC 5646 §4.1).

use crate::string_format::{string_format, SyntaxError};
use crate::StringFormat;

string_format! {
    /// A language tag such as `ja`, `pt-BR` or `hy-Latn-IT-arevela`, kept as written.
    Language, check, "a BCP 47 language tag"
}

impl Language {
    /// The primary language subtag, e.g. `pt` in `pt-BR` (`x` or `i` for private use and
    /// some grandfathered tags).
    pub fn primary(&self) -> &str {
        self.as_str().split('-').next().unwrap_or_default()
    }
}

/// RFC 5646 §2.1 grandfathered tags, matched exactly as registered (as the TS reference
/// does); most of them do not fit the regular grammar.
const GRANDFATHERED: [&str; 26] = [
    "en-GB-oed",
    "i-ami",
    "i-bnn",
    "i-default",
    "i-enochian",
    "i-hak",
    "i-klingon",
    "i-lux",
    "i-mingo",
    "i-navajo",
    "i-pwn",
    "i-tao",
    "i-tay",
    "i-tsu",
    "sgn-BE-FR",
    "sgn-BE-NL",
    "sgn-CH-DE",
    "art-lojban",
    "cel-gaulish",
    "no-bok",
    "no-nyn",
    "zh-guoyu",
    "zh-hakka",
    "zh-min",
    "zh-min-nan",
    "zh-xiang",
];

/// Duplicate detection keeps the variants seen so far in a fixed array (no allocation);
/// real tags have one or two.
const MAX_VARIANTS: usize = 16;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Language,
    Script,
    Region,
    Variant,
    Extension,
}

fn err(offset: usize, reason: &'static str) -> SyntaxError {
    SyntaxError::at(StringFormat::Language, offset, reason)
}

pub(crate) fn check(s: &str) -> Result<(), SyntaxError> {
    if s.is_empty() {
        return Err(SyntaxError::whole(
            StringFormat::Language,
            "language tag is empty",
        ));
    }
    if GRANDFATHERED.contains(&s) {
        return Ok(());
    }
    let mut subtags = Subtags {
        rest: s.as_bytes(),
        offset: 0,
        done: false,
    };
    let (start, primary) = subtags.next_checked()?;
    if primary.eq_ignore_ascii_case(b"x") {
        return private_use(&mut subtags, start);
    }
    if !(2..=3).contains(&primary.len()) || !primary.iter().all(u8::is_ascii_alphabetic) {
        return Err(err(0, "primary language subtag must be 2 or 3 letters"));
    }
    if !primary.iter().all(u8::is_ascii_lowercase) {
        return Err(err(0, "primary language subtag must be lowercase"));
    }

    let mut stage = Stage::Language;
    let mut extlangs = 0;
    let mut variants = [0u64; MAX_VARIANTS];
    let mut variant_count = 0;
    let mut singletons = 0u64;
    // Offset of the current extension's singleton while it has no subtag yet.
    let mut open_singleton: Option<usize> = None;

    while let Some((at, tag)) = subtags.next() {
        let tag = tag?;
        let alpha = tag.iter().all(u8::is_ascii_alphabetic);
        let digits = tag.iter().all(u8::is_ascii_digit);
        if let [single] = tag {
            if let Some(open) = open_singleton {
                return Err(err(
                    open,
                    "extension singleton must be followed by a subtag",
                ));
            }
            if single.eq_ignore_ascii_case(&b'x') {
                return private_use(&mut subtags, at);
            }
            let bit = 1u64 << singleton_index(*single);
            if singletons & bit != 0 {
                return Err(err(at, "extension singleton is repeated"));
            }
            singletons |= bit;
            stage = Stage::Extension;
            open_singleton = Some(at);
            continue;
        }
        if stage == Stage::Extension {
            // Extension subtags are 2-8 alphanumerics; only length is left to check.
            open_singleton = None;
            continue;
        }
        match tag.len() {
            3 if alpha && stage == Stage::Language && extlangs < 3 => extlangs += 1,
            4 if alpha && stage < Stage::Script => stage = Stage::Script,
            2 if alpha && stage < Stage::Region => stage = Stage::Region,
            3 if digits && stage < Stage::Region => stage = Stage::Region,
            5..=8 => {
                add_variant(&mut variants, &mut variant_count, tag, at)?;
                stage = Stage::Variant;
            }
            4 if tag.first().is_some_and(u8::is_ascii_digit) => {
                add_variant(&mut variants, &mut variant_count, tag, at)?;
                stage = Stage::Variant;
            }
            _ => {
                return Err(err(
                    at,
                    "subtag does not fit here (expected extlang, script, region, variant, \
                     extension or private use, in that order)",
                ))
            }
        }
    }
    if let Some(open) = open_singleton {
        return Err(err(
            open,
            "extension singleton must be followed by a subtag",
        ));
    }
    Ok(())
}

/// `x-...`: one or more subtags of 1-8 alphanumerics, anything goes.
fn private_use(subtags: &mut Subtags<'_>, x_at: usize) -> Result<(), SyntaxError> {
    let mut any = false;
    for (_, tag) in subtags {
        tag?;
        any = true;
    }
    if any {
        Ok(())
    } else {
        Err(err(x_at, "private-use `x` must be followed by a subtag"))
    }
}

fn add_variant(
    seen: &mut [u64; MAX_VARIANTS],
    count: &mut usize,
    tag: &[u8],
    at: usize,
) -> Result<(), SyntaxError> {
    let key = tag.iter().fold(0u64, |acc, c| {
        (acc << 8) | u64::from(c.to_ascii_lowercase())
    });
    let seen_so_far = seen.get(..*count).unwrap_or_default();
    if seen_so_far.contains(&key) {
        return Err(err(at, "variant subtag is repeated"));
    }
    let Some(slot) = seen.get_mut(*count) else {
        return Err(err(at, "too many variant subtags (more than 16)"));
    };
    *slot = key;
    *count += 1;
    Ok(())
}

fn singleton_index(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        _ => u32::from(c.to_ascii_lowercase().wrapping_sub(b'a')) % 26 + 10,
    }
}

/// The `-`-separated subtags with their byte offsets; each is checked to be 1-8 ASCII
/// alphanumerics.
struct Subtags<'a> {
    rest: &'a [u8],
    offset: usize,
    done: bool,
}

impl<'a> Subtags<'a> {
    fn next_checked(&mut self) -> Result<(usize, &'a [u8]), SyntaxError> {
        match self.next() {
            Some((at, tag)) => Ok((at, tag?)),
            None => Err(SyntaxError::whole(
                StringFormat::Language,
                "language tag is empty",
            )),
        }
    }
}

impl<'a> Iterator for Subtags<'a> {
    type Item = (usize, Result<&'a [u8], SyntaxError>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let at = self.offset;
        let (tag, rest) = match self.rest.iter().position(|&c| c == b'-') {
            Some(i) => {
                let (tag, rest) = self.rest.split_at(i);
                (tag, rest.get(1..).unwrap_or_default())
            }
            None => {
                self.done = true;
                (self.rest, &[][..])
            }
        };
        self.rest = rest;
        self.offset += tag.len() + 1;
        let checked = if tag.is_empty() {
            Err(err(at, "empty subtag (leading, trailing or doubled `-`)"))
        } else if tag.len() > 8 {
            Err(err(at, "subtag is longer than 8 characters"))
        } else if let Some(i) = tag.iter().position(|c| !c.is_ascii_alphanumeric()) {
            Err(err(
                at + i,
                "language tags may only contain ASCII letters, digits and `-`",
            ))
        } else {
            Ok(tag)
        };
        Some((at, checked))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(s: &str) -> Option<&'static str> {
        Language::validate(s).err().map(|e| e.reason())
    }

    #[test]
    fn accepts() {
        for s in [
            "ja",
            "ban",
            "pt-BR",
            "hy-Latn-IT-arevela",
            "en-GB-oed",
            "i-klingon",
            "zh-min-nan",
            "x-whatever",
            "X-fr-CH",
            "de-X-foo",
            "qaa-Qaaa-QM-x-southern",
            "de-CH-1901",
            "en-u-co-phonebk-t-en-US",
            "es-419",
            "zh-yue-Hant-HK",
            "sl-rozaj-biske-1994",
            "en-a-bbb-x-a-ccc",
            "de-1996-1901",
        ] {
            assert_eq!(reason(s), None, "{s}");
        }
    }

    #[test]
    fn rejects() {
        assert_eq!(
            reason("JA"),
            Some("primary language subtag must be lowercase")
        );
        assert_eq!(
            reason("jaja"),
            Some("primary language subtag must be 2 or 3 letters")
        );
        assert_eq!(
            reason("j"),
            Some("primary language subtag must be 2 or 3 letters")
        );
        assert_eq!(
            reason("123"),
            Some("primary language subtag must be 2 or 3 letters")
        );
        assert!(reason(".").is_some());
        assert!(reason("en-").is_some());
        assert!(reason("de-419-DE").is_some());
        assert!(reason("en-a").is_some());
        assert!(reason("en-a-b-foo").is_some());
        assert!(reason("x").is_some());
        assert_eq!(
            reason("de-DE-1901-1901"),
            Some("variant subtag is repeated")
        );
        assert_eq!(
            reason("de-DE-1901-rozaj-ROZAJ"),
            Some("variant subtag is repeated")
        );
        assert_eq!(
            reason("en-a-foo-a-bar"),
            Some("extension singleton is repeated")
        );
        assert_eq!(
            reason("en-u-co-phonebk-U-ca-buddhist"),
            Some("extension singleton is repeated")
        );
        assert!(reason("en-Latn-Latn").is_some());
        assert!(reason("en-US-Latn").is_some());
    }
}
