//! The posts of each feed, newest first, and the cursors that page through them.
//!
//! Every indexed post gets the next number of one counter; a page lists a feed's posts
//! below the cursor's number, highest first. Posts indexed while a client pages do not
//! shift its later pages (an offset cursor would repeat or skip posts).

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use lex_runtime::AtUri;

/// The posts each feed holds.
#[derive(Debug, Default)]
pub(crate) struct FeedStore {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    next: u64,
    /// Feed URI -> (number -> post URI).
    feeds: BTreeMap<String, BTreeMap<u64, AtUri>>,
}

/// One page of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Page {
    /// The posts, newest first.
    pub(crate) posts: Vec<AtUri>,
    /// Where the next page starts, when there are more posts.
    pub(crate) cursor: Option<String>,
}

impl FeedStore {
    /// A store holding these feeds, each empty.
    pub(crate) fn new<'a>(feeds: impl IntoIterator<Item = &'a AtUri>) -> FeedStore {
        let feeds = feeds
            .into_iter()
            .map(|uri| (uri.as_str().to_owned(), BTreeMap::new()))
            .collect();
        FeedStore {
            inner: Mutex::new(Inner { next: 1, feeds }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave the maps half-updated (each update
        // is one insert), so a poisoned lock is still consistent.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Adds `post` to `feed` as its newest post; false when this store has no such feed.
    pub(crate) fn push(&self, feed: &AtUri, post: AtUri) -> bool {
        let mut inner = self.lock();
        let number = inner.next;
        let Some(posts) = inner.feeds.get_mut(feed.as_str()) else {
            return false;
        };
        posts.insert(number, post);
        inner.next += 1;
        true
    }

    /// Up to `limit` posts of `feed` older than `cursor` (from the start without one);
    /// `None` when this store has no such feed, `Err` when the cursor is not one of ours.
    pub(crate) fn page(
        &self,
        feed: &AtUri,
        cursor: Option<&str>,
        limit: usize,
    ) -> Option<Result<Page, BadCursor>> {
        let inner = self.lock();
        let posts = inner.feeds.get(feed.as_str())?;
        let below = match cursor.map(str::parse::<u64>) {
            None => u64::MAX,
            Some(Ok(n)) => n,
            Some(Err(_)) => return Some(Err(BadCursor)),
        };
        let mut older = posts.range(..below).rev();
        let page: Vec<(u64, AtUri)> = older
            .by_ref()
            .take(limit)
            .map(|(n, uri)| (*n, uri.clone()))
            .collect();
        let more = older.next().is_some();
        let cursor = match page.last() {
            Some((n, _)) if more => Some(n.to_string()),
            _ => None,
        };
        Some(Ok(Page {
            posts: page.into_iter().map(|(_, uri)| uri).collect(),
            cursor,
        }))
    }
}

/// A cursor this feed generator did not hand out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BadCursor;

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(s: &str) -> AtUri {
        AtUri::new(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn pages_do_not_shift_when_posts_arrive() {
        let feed = uri("at://did:plc:pub/app.bsky.feed.generator/lex");
        let store = FeedStore::new([&feed]);
        for i in 0..5 {
            assert!(store.push(
                &feed,
                uri(&format!("at://did:plc:a/app.bsky.feed.post/{i}"))
            ));
        }
        let first = store.page(&feed, None, 2).and_then(Result::ok);
        let first = first.unwrap_or_else(|| panic!("first page"));
        let rkeys: Vec<_> = first.posts.iter().filter_map(AtUri::rkey).collect();
        assert_eq!(rkeys, ["4", "3"]);
        // A new post lands on top; the next page continues where the first ended.
        assert!(store.push(&feed, uri("at://did:plc:a/app.bsky.feed.post/5")));
        let second = store
            .page(&feed, first.cursor.as_deref(), 2)
            .and_then(Result::ok);
        let second = second.unwrap_or_else(|| panic!("second page"));
        let rkeys: Vec<_> = second.posts.iter().filter_map(AtUri::rkey).collect();
        assert_eq!(rkeys, ["2", "1"]);
        let last = store
            .page(&feed, second.cursor.as_deref(), 2)
            .and_then(Result::ok);
        let last = last.unwrap_or_else(|| panic!("last page"));
        assert_eq!(last.posts.len(), 1);
        assert_eq!(last.cursor, None);
        // An exact fit ends without a cursor too.
        let all = store.page(&feed, None, 6).and_then(Result::ok);
        assert_eq!(all.map(|p| (p.posts.len(), p.cursor)), Some((6, None)));
    }

    #[test]
    fn unknown_feeds_and_foreign_cursors() {
        let feed = uri("at://did:plc:pub/app.bsky.feed.generator/lex");
        let other = uri("at://did:plc:pub/app.bsky.feed.generator/other");
        let store = FeedStore::new([&feed]);
        assert!(!store.push(&other, uri("at://did:plc:a/app.bsky.feed.post/1")));
        assert!(store.page(&other, None, 10).is_none());
        assert_eq!(store.page(&feed, Some("x1"), 10), Some(Err(BadCursor)));
        let empty = store.page(&feed, None, 10).and_then(Result::ok);
        assert_eq!(empty.map(|p| (p.posts.len(), p.cursor)), Some((0, None)));
    }
}
