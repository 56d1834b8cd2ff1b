//! The `ignore` globs of `lex.toml`: `*` and `?` within a path segment, `**` as a whole
//! segment, matched against a file path or any trailing sub-path of it.
//!
//! Patterns it cannot honour (`[a-z]`, `{a,b}`, `**` inside a segment) are rejected when
//! `lex.toml` is read (`check_glob`) rather than matched literally, and matching never
//! takes exponential time on a pattern with many stars (`wildcard`).

/// Why `glob` is not one this matcher honours, if it is not.
pub(crate) fn check_glob(glob: &str) -> Result<(), &'static str> {
    if glob.trim().is_empty() {
        return Err("it is empty");
    }
    if glob.contains(['[', ']', '{', '}']) {
        return Err("`[...]` classes and `{a,b}` alternatives are not supported");
    }
    if glob_segments(glob)
        .iter()
        .any(|s| s.contains("**") && s != "**")
    {
        return Err("`**` must be a whole path segment (`a/**/b`, not `a**`)");
    }
    Ok(())
}

/// The segments of a glob, without a leading `./`.
pub(crate) fn glob_segments(glob: &str) -> Vec<String> {
    path_segments(glob.strip_prefix("./").unwrap_or(glob))
        .into_iter()
        .map(str::to_owned)
        .collect()
}

pub(crate) fn path_segments(path: &str) -> Vec<&str> {
    let path = path.strip_prefix("./").unwrap_or(path);
    path.split('/').filter(|s| !s.is_empty()).collect()
}

/// Whether `glob` matches `path` or one of its trailing sub-paths (so `com/example/**`
/// matches `lexicons/com/example/x.json`). `*` and `?` stay within a path segment; `**`
/// spans any number of segments.
pub fn glob_matches_path(glob: &str, path: &str) -> bool {
    let path = path.replace('\\', "/");
    match_path(&glob_segments(glob), &path_segments(&path))
}

/// Matching a trailing sub-path is matching `**/glob`.
pub(crate) fn match_path(glob: &[String], path: &[&str]) -> bool {
    let unanchored: Vec<&str> = std::iter::once("**")
        .chain(glob.iter().map(String::as_str))
        .collect();
    wildcard(
        &unanchored,
        path,
        |g| *g == "**",
        |g, p| match_segment(g.as_bytes(), p.as_bytes()),
    )
}

fn match_segment(glob: &[u8], text: &[u8]) -> bool {
    wildcard(glob, text, |g| *g == b'*', |g, t| *g == b'?' || g == t)
}

/// Wildcard matching where `is_star` items match any run of items: the greedy scan that
/// backs up only to the last star, so it takes O(pattern x text) steps where the naive
/// recursion was exponential in the number of stars (`*a*a*a*a*b`).
fn wildcard<P, T>(
    pattern: &[P],
    text: &[T],
    is_star: impl Fn(&P) -> bool,
    eq: impl Fn(&P, &T) -> bool,
) -> bool {
    let (mut p, mut t) = (0, 0);
    // The last star seen and the text position it currently stops at.
    let mut resume: Option<(usize, usize)> = None;
    while let Some(item) = text.get(t) {
        match pattern.get(p) {
            Some(g) if is_star(g) => {
                resume = Some((p, t));
                p += 1;
            }
            Some(g) if eq(g, item) => {
                p += 1;
                t += 1;
            }
            _ => match resume {
                Some((star, at)) => {
                    resume = Some((star, at + 1));
                    p = star + 1;
                    t = at + 1;
                }
                None => return false,
            },
        }
    }
    pattern
        .get(p..)
        .is_some_and(|rest| rest.iter().all(is_star))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_matches_path("lexicons/**", "lexicons/com/a.json"));
        assert!(glob_matches_path(
            "com/example/**",
            "lexicons/com/example/a.json"
        ));
        assert!(glob_matches_path("*.json", "x/y.json"));
        assert!(glob_matches_path("com/*/a.json", "./lexicons/com/b/a.json"));
        assert!(!glob_matches_path(
            "com/*/a.json",
            "lexicons/com/b/c/a.json"
        ));
        assert!(glob_matches_path(
            "com/**/a.json",
            "lexicons/com/b/c/a.json"
        ));
        assert!(!glob_matches_path("org/**", "lexicons/com/a.json"));
    }

    #[test]
    fn many_stars_match_in_polynomial_steps() {
        // The old recursion took 2^n steps on these; the scan takes n * m.
        let name = "a".repeat(200);
        assert!(!glob_matches_path(
            &"*a".repeat(40).replace("*a*a", "*a*b"),
            &name
        ));
        let deep = vec!["x"; 200].join("/");
        assert!(!glob_matches_path(
            &format!("{}y", "**/x/".repeat(30)),
            &deep
        ));
        assert!(glob_matches_path("**/x/**/x/**", &deep));
        assert!(glob_matches_path("a?c*", "dir/abcdef"));
        assert!(!glob_matches_path("a?c", "dir/ac"));
    }
}
