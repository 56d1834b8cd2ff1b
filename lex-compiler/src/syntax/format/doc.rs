//! A small document algebra and its printer: [`Doc`] -> text at a given width.
//!
//! The algorithm is Wadler's "prettier printer" as prettier implements it, because
//! `lex fmt` must reproduce prettier's bytes: a group is printed flat when its flat form,
//! plus whatever follows it up to the next possible line break, fits in the remaining
//! width; otherwise its lines break and each nested group decides again (outermost
//! first). A `fill` packs as many items per line as fit. Groups that contain a hard line
//! (or a group that must break) are broken before printing starts, the way prettier
//! propagates `breakParent`.

use std::borrow::Cow;

/// One piece of a document to print.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Doc<'a> {
    /// Text without line breaks, and its display width in columns.
    Text(Cow<'a, str>, usize),
    /// A space when flat, a line break when broken.
    Line,
    /// Nothing when flat, a line break when broken.
    SoftLine,
    /// Always a line break; breaks every enclosing group.
    HardLine,
    /// Pieces one after the other.
    Concat(Vec<Doc<'a>>),
    /// The contents, with line breaks indented one more level.
    Indent(Box<Doc<'a>>),
    /// Contents printed flat if they fit; `true` when it must break.
    Group(Box<Doc<'a>>, bool),
    /// Alternating content and separators (`[c, sep, c, sep, c]`), packed per line.
    Fill(Vec<Doc<'a>>),
}

impl<'a> Doc<'a> {
    /// Text with its width measured the way prettier measures it.
    pub(crate) fn text(text: impl Into<Cow<'a, str>>) -> Doc<'a> {
        let text = text.into();
        let width = super::width::str_width(&text);
        Doc::Text(text, width)
    }

    /// A group, broken when asked to or when anything inside forces a break.
    pub(crate) fn group(contents: Doc<'a>, should_break: bool) -> Doc<'a> {
        let broken = should_break || contents.forces_break();
        Doc::Group(Box::new(contents), broken)
    }

    /// Whether printing this flat is impossible: it holds a hard line or a broken group.
    /// Nested groups already know, so each piece is visited once per enclosing group.
    fn forces_break(&self) -> bool {
        match self {
            Doc::HardLine => true,
            Doc::Group(_, broken) => *broken,
            Doc::Concat(parts) | Doc::Fill(parts) => parts.iter().any(Doc::forces_break),
            Doc::Indent(inner) => inner.forces_break(),
            Doc::Text(..) | Doc::Line | Doc::SoftLine => false,
        }
    }
}

/// Spaces per indentation level (prettier's default `tabWidth`).
const INDENT: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Break,
    Flat,
}

/// What a command prints: a document, or the rest of a fill from some item on.
#[derive(Debug, Clone, Copy)]
enum Item<'d, 'a> {
    Doc(&'d Doc<'a>),
    Fill(&'d [Doc<'a>]),
}

#[derive(Debug, Clone, Copy)]
struct Cmd<'d, 'a> {
    indent: usize,
    mode: Mode,
    item: Item<'d, 'a>,
}

/// Prints `doc` in `width` columns.
pub(crate) fn print(doc: &Doc<'_>, width: usize) -> String {
    let width = isize::try_from(width).unwrap_or(isize::MAX);
    let mut out = String::new();
    let mut pos: isize = 0;
    let mut cmds = vec![Cmd {
        indent: 0,
        mode: Mode::Break,
        item: Item::Doc(doc),
    }];
    while let Some(cmd) = cmds.pop() {
        let Cmd { indent, mode, item } = cmd;
        let doc = match item {
            Item::Doc(doc) => doc,
            Item::Fill(parts) => {
                fill(parts, indent, mode, width - pos, &mut cmds);
                continue;
            }
        };
        match doc {
            Doc::Text(text, w) => {
                out.push_str(text);
                pos += to_isize(*w);
            }
            Doc::Concat(parts) => {
                cmds.extend(parts.iter().rev().map(|d| Cmd {
                    indent,
                    mode,
                    item: Item::Doc(d),
                }));
            }
            Doc::Indent(inner) => cmds.push(Cmd {
                indent: indent + 1,
                mode,
                item: Item::Doc(inner),
            }),
            Doc::Group(contents, broken) => {
                let flat = Cmd {
                    indent,
                    mode: Mode::Flat,
                    item: Item::Doc(contents),
                };
                let next = if *broken {
                    Cmd {
                        mode: Mode::Break,
                        ..flat
                    }
                } else if mode == Mode::Flat || fits(&[flat], &cmds, width - pos, false) {
                    flat
                } else {
                    Cmd {
                        mode: Mode::Break,
                        ..flat
                    }
                };
                cmds.push(next);
            }
            Doc::Fill(parts) => fill(parts, indent, mode, width - pos, &mut cmds),
            Doc::Line if mode == Mode::Flat => {
                out.push(' ');
                pos += 1;
            }
            Doc::SoftLine if mode == Mode::Flat => {}
            Doc::Line | Doc::SoftLine | Doc::HardLine => {
                let kept = out.trim_end_matches([' ', '\t']).len();
                out.truncate(kept);
                out.push('\n');
                let spaces = indent * INDENT;
                out.extend(std::iter::repeat_n(' ', spaces));
                pos = to_isize(spaces);
            }
        }
    }
    out
}

fn to_isize(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

/// Schedules the next item of a fill: it stays on the current line when it fits, and the
/// separator after it breaks unless the item after that fits on the same line too.
fn fill<'d, 'a>(
    parts: &'d [Doc<'a>],
    indent: usize,
    mode: Mode,
    rem: isize,
    cmds: &mut Vec<Cmd<'d, 'a>>,
) {
    let at = |item: &'d Doc<'a>, mode: Mode| Cmd {
        indent,
        mode,
        item: Item::Doc(item),
    };
    let Some(content) = parts.first() else {
        return;
    };
    let content_fits = fits(&[at(content, Mode::Flat)], &[], rem, true);
    let content_mode = if content_fits {
        Mode::Flat
    } else {
        Mode::Break
    };
    let Some(separator) = parts.get(1) else {
        cmds.push(at(content, content_mode));
        return;
    };
    let rest = parts.get(2..).unwrap_or_default();
    let Some(second) = rest.first() else {
        cmds.push(at(separator, content_mode));
        cmds.push(at(content, content_mode));
        return;
    };
    let both_fit = fits(
        &[
            at(content, Mode::Flat),
            at(separator, Mode::Flat),
            at(second, Mode::Flat),
        ],
        &[],
        rem,
        true,
    );
    cmds.push(Cmd {
        indent,
        mode,
        item: Item::Fill(rest),
    });
    cmds.push(at(
        separator,
        if both_fit { Mode::Flat } else { Mode::Break },
    ));
    cmds.push(at(content, content_mode));
}

/// Whether `next` (in order) fits in `rem` columns, followed by the pending `rest`
/// commands up to their first line break. With `must_be_flat`, a broken group inside
/// `next` does not fit.
fn fits(next: &[Cmd<'_, '_>], rest: &[Cmd<'_, '_>], mut rem: isize, must_be_flat: bool) -> bool {
    let mut stack: Vec<(Mode, Item<'_, '_>)> =
        next.iter().rev().map(|c| (c.mode, c.item)).collect();
    let mut rest_index = rest.len();
    loop {
        if rem < 0 {
            return false;
        }
        let (mode, item) = match stack.pop() {
            Some(top) => top,
            None => {
                if rest_index == 0 {
                    return true;
                }
                rest_index -= 1;
                match rest.get(rest_index) {
                    Some(cmd) => (cmd.mode, cmd.item),
                    None => return true,
                }
            }
        };
        let doc = match item {
            Item::Doc(doc) => doc,
            Item::Fill(parts) => {
                stack.extend(parts.iter().rev().map(|d| (mode, Item::Doc(d))));
                continue;
            }
        };
        match doc {
            Doc::Text(_, w) => rem -= to_isize(*w),
            Doc::Concat(parts) | Doc::Fill(parts) => {
                stack.extend(parts.iter().rev().map(|d| (mode, Item::Doc(d))));
            }
            Doc::Indent(inner) => stack.push((mode, Item::Doc(inner))),
            Doc::Group(contents, broken) => {
                if must_be_flat && *broken {
                    return false;
                }
                let mode = if *broken { Mode::Break } else { mode };
                stack.push((mode, Item::Doc(contents)));
            }
            Doc::HardLine => return true,
            Doc::Line | Doc::SoftLine if mode == Mode::Break => return true,
            Doc::Line => rem -= 1,
            Doc::SoftLine => {}
        }
    }
}
