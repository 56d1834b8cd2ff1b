//! Lexicon descriptions -> doc attributes. A description comes from whoever published the
//! lexicon, and rustdoc treats doc comments as Markdown whose Rust code blocks are
//! doctests: `cargo test` compiles and runs them. So every description is rewritten before
//! it reaches the output, line by line, such that
//!
//! - no indented code block can exist: runs of whitespace before a line's text (including
//!   after `>` and list markers) shrink to one space, so no line reaches the four columns
//!   an indented block needs in any container;
//! - every fenced code block rustdoc can see is ` ```text `: a fence line at the top level
//!   (at most one space of indentation, nothing before it) opening a block gets the info
//!   string `text`; its closing line is found exactly as CommonMark does (same character,
//!   at least as long); a fence line inside a container (`> `, `- `, `1. `) is escaped
//!   with a backslash, so it is no fence at all. Only the top level is tracked, which is
//!   what makes the tracking exact: nothing else can hold a fence once HTML blocks and
//!   indented code are gone;
//! - no HTML block or tag exists (`<` becomes `&lt;` outside code spans, except in
//!   `<https://...>` autolinks), so nothing can hide a fence from the tracking above and
//!   `rustdoc::invalid_html_tags` has nothing to flag;
//! - no link can be formed (`[` and `]` are escaped outside code spans), so there are no
//!   broken intra-doc links, and bare URLs become autolinks (`rustdoc::bare_urls`);
//! - each line is its own `#[doc]` attribute without `\r`, and without the bidirectional
//!   control characters rustc refuses in comments, so prettyplease writes plain `///`
//!   lines (never a `/** */` block, whose `*`-stripping would change the indentation).

use proc_macro2::TokenStream;
use quote::quote;

/// Outer doc attributes (`///`) for `text`, one per line; nothing for blank text.
pub(crate) fn doc_attrs(text: &str) -> TokenStream {
    let lines = lines(text);
    quote! { #(#[doc = #lines])* }
}

/// Inner doc attributes (`//!`) for `text`, one per line.
pub(crate) fn inner_doc_attrs(text: &str) -> TokenStream {
    let lines = lines(text);
    quote! { #(#![doc = #lines])* }
}

/// `text` as an inline code span, whatever backticks it holds (on one line).
pub(crate) fn code(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if c.is_control() || is_bidi(c) { ' ' } else { c })
        .collect();
    if text.trim().is_empty() {
        return "(empty)".to_owned();
    }
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if text.starts_with('`') || text.ends_with('`') {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// The doc lines of `text`, each with the leading space `///` comments have.
pub(crate) fn lines(text: &str) -> Vec<String> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let clean: String = text
        .replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\r' => '\n',
            '\t' | '\n' => c,
            c if c.is_control() || is_bidi(c) => ' ',
            c => c,
        })
        .collect();
    let mut fence: Option<(char, usize)> = None;
    let mut out = Vec::new();
    for line in clean.split('\n') {
        let line = match fence {
            Some((ch, len)) => {
                if closes(line, ch, len) {
                    fence = None;
                }
                line.to_owned()
            }
            None => {
                let (lead, rest) = split_lead(line);
                match fence_start(rest) {
                    Some((ch, len)) if lead.is_empty() || lead == " " => {
                        fence = Some((ch, len));
                        format!("{}text", ch.to_string().repeat(len))
                    }
                    Some(_) => format!("{lead}\\{rest}"),
                    None => format!("{lead}{}", inline(rest)),
                }
            }
        };
        let line = line.trim_end();
        out.push(if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        });
    }
    out
}

/// Explicit bidirectional formatting characters (rustc's `text_direction_codepoint_in_comment`).
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Splits a line into its block prefix (whitespace, `>` and list-marker characters, with
/// each whitespace run shrunk to one space) and the rest.
fn split_lead(line: &str) -> (String, &str) {
    let end = line
        .find(|c: char| {
            !matches!(
                c,
                ' ' | '\t' | '>' | '-' | '+' | '*' | '.' | ')' | '0'..='9'
            )
        })
        .unwrap_or(line.len());
    let (lead, rest) = line.split_at(end);
    let mut shrunk = String::with_capacity(lead.len());
    for c in lead.chars() {
        if c == ' ' || c == '\t' {
            if !shrunk.ends_with(' ') {
                shrunk.push(' ');
            }
        } else {
            shrunk.push(c);
        }
    }
    (shrunk, rest)
}

/// The fence character and length if `rest` opens a fenced code block (three or more
/// backticks or tildes; a backtick fence's info string holds no backtick).
fn fence_start(rest: &str) -> Option<(char, usize)> {
    let ch = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = rest.len() - rest.trim_start_matches(ch).len();
    if len < 3 {
        return None;
    }
    let info = rest.get(len..).unwrap_or("");
    if ch == '`' && info.contains('`') {
        return None;
    }
    Some((ch, len))
}

/// Whether `line` closes a top-level fence of `len` times `ch` (CommonMark: up to three
/// spaces, at least as many fence characters, then only whitespace).
fn closes(line: &str, ch: char, len: usize) -> bool {
    let rest = line.trim_start_matches(' ');
    if line.len() - rest.len() > 3 {
        return false;
    }
    let after = rest.trim_start_matches(ch);
    rest.len() - after.len() >= len && after.trim().is_empty()
}

/// Escapes the text of one line outside its code spans: `<` (except autolinks), `[`, `]`,
/// and wraps bare URLs into autolinks. Backslash escapes and code spans are kept.
fn inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match c {
            '\\' => {
                out.push(c);
                if let Some(&next) = chars.get(i + 1).filter(|n| n.is_ascii_punctuation()) {
                    out.push(next);
                    i += 1;
                }
                i += 1;
            }
            '`' => {
                let run = run_len(&chars, i, '`');
                let close = (i + run..chars.len())
                    .find(|&j| {
                        chars.get(j) == Some(&'`')
                            && chars.get(j.wrapping_sub(1)) != Some(&'`')
                            && run_len(&chars, j, '`') == run
                    })
                    .map(|j| j + run)
                    .unwrap_or(i + run);
                out.extend(chars.iter().take(close).skip(i));
                i = close;
            }
            '<' => match autolink_end(&chars, i) {
                Some(end) => {
                    out.extend(chars.iter().take(end).skip(i));
                    i = end;
                }
                None => {
                    out.push_str("&lt;");
                    i += 1;
                }
            },
            '[' | ']' => {
                out.push('\\');
                out.push(c);
                i += 1;
            }
            'h' if starts_url(&chars, i) => {
                let mut end = i;
                while chars.get(end).is_some_and(|c| {
                    !c.is_whitespace() && !matches!(c, '<' | '>' | '`' | '[' | ']' | '"')
                }) {
                    end += 1;
                }
                while end > i
                    && chars.get(end - 1).is_some_and(|c| {
                        matches!(
                            c,
                            '.' | ',' | ':' | ';' | '!' | '?' | '\'' | ')' | '*' | '_'
                        )
                    })
                {
                    end -= 1;
                }
                out.push('<');
                out.extend(chars.iter().take(end).skip(i));
                out.push('>');
                i = end;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn run_len(chars: &[char], from: usize, ch: char) -> usize {
    chars.iter().skip(from).take_while(|c| **c == ch).count()
}

fn starts_url(chars: &[char], i: usize) -> bool {
    let word_start = i == 0 || chars.get(i - 1).is_some_and(|c| !c.is_alphanumeric());
    let rest: String = chars.iter().skip(i).take(8).collect();
    word_start && (rest.starts_with("https://") || rest.starts_with("http://"))
}

/// The end of an autolink `<scheme://...>` starting at `i`, if there is one.
fn autolink_end(chars: &[char], i: usize) -> Option<usize> {
    if !starts_url(chars, i + 1) {
        return None;
    }
    let close = (i + 1..chars.len()).find(|&j| chars.get(j) == Some(&'>'))?;
    let body_ok = chars
        .iter()
        .take(close)
        .skip(i + 1)
        .all(|c| !c.is_whitespace() && !c.is_control() && *c != '<');
    body_ok.then_some(close + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> String {
        lines(text).join("\n")
    }

    #[test]
    fn fences_become_text() {
        assert_eq!(
            doc("a\n```\nfn main() {}\n```\nb"),
            " a\n ```text\n fn main() {}\n ```\n b"
        );
        assert_eq!(doc("```rust,should_panic\nx\n````"), " ```text\n x\n ````");
        assert_eq!(doc("~~~~ rust\nx\n~~~\n~~~~"), " ~~~~text\n x\n ~~~\n ~~~~");
        // An unclosed fence stays text to the end.
        assert_eq!(doc("```\nx\n    y"), " ```text\n x\n     y");
    }

    #[test]
    fn fences_in_containers_are_escaped() {
        assert_eq!(doc("- ```\n  x\n- ```"), " - \\```\n  x\n - \\```");
        // Indented under a list item, a fence leaves the item once its indentation shrinks
        // to one space, so it is a top-level block, tracked (and its content kept) as such.
        assert_eq!(
            doc("- item\n  ```\n  x\n  ```"),
            " - item\n ```text\n   x\n   ```"
        );
        assert_eq!(doc("> ```\n> x"), " > \\```\n > x");
    }

    #[test]
    fn indentation_never_reaches_code() {
        assert_eq!(doc("a\n\n    code\n\tcode"), " a\n\n  code\n  code");
        assert_eq!(doc("-     code"), " - code");
        assert_eq!(doc(">     code"), " > code");
    }

    #[test]
    fn inline_escapes() {
        assert_eq!(
            doc("<script> `<b>` [x] \\[y\\]"),
            " &lt;script> `<b>` \\[x\\] \\[y\\]"
        );
        assert_eq!(
            doc("see https://a.b/c. or <https://x.y>"),
            " see <https://a.b/c>. or <https://x.y>"
        );
        assert_eq!(doc("one ` tick and ``two"), " one ` tick and ``two");
        assert_eq!(doc("inline ``` x ``` span"), " inline ``` x ``` span");
    }

    #[test]
    fn control_characters() {
        assert_eq!(doc("a\r\nb\rc\u{202E}d\u{0}"), " a\n b\n c d");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("a\nb"), "`a b`");
    }
}
