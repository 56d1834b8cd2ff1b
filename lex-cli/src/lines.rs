//! JSON lines through all cores in input order, in bounded memory: a reader thread cuts
//! lines into batches, worker threads turn each line into a result, and the calling thread
//! receives the results in line order.
//!
//! Memory is bounded by permits: the reader takes one before it reads a batch, and the
//! calling thread gives it back once that batch's results are consumed, so at most
//! `in_flight` batches exist at any time (being read, queued, worked on, or waiting for an
//! earlier batch), whatever the input size and however uneven the work.

use std::collections::BTreeMap;
use std::io::{self, BufRead};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Mutex;

use crate::input::Lines;

/// One line handed to the work function.
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub(crate) number: usize,
    /// The text without its newline, or the length of a line over the limit (not kept).
    pub(crate) text: Result<&'a [u8], usize>,
}

/// Sizes of the pipeline.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Config {
    /// Worker threads.
    pub(crate) workers: usize,
    /// A batch ends after this many lines...
    pub(crate) batch_lines: usize,
    /// ...or once it holds this many bytes.
    pub(crate) batch_bytes: usize,
    /// Most batches alive at once.
    pub(crate) in_flight: usize,
    /// Longest line kept, in bytes.
    pub(crate) max_line: usize,
}

impl Config {
    /// Sizes for `workers` threads and lines of at most `max_line` bytes.
    pub(crate) fn new(workers: usize, max_line: usize) -> Config {
        let workers = workers.max(1);
        Config {
            workers,
            batch_lines: 1024,
            batch_bytes: 256 * 1024,
            in_flight: 4 * workers,
            max_line,
        }
    }
}

/// Where one line of a batch is: its number and its span in the batch's bytes, or its
/// length when it was too long to keep.
type Slot = (usize, Result<(usize, usize), usize>);

/// Lines of one batch: the bytes, and a slot per line.
struct Batch {
    seq: u64,
    data: Vec<u8>,
    lines: Vec<Slot>,
}

/// Runs `work` on every line of `reader` on `config.workers` threads and gives each result
/// to `sink` in line order. Returns the first read error, after the lines before it.
pub(crate) fn run<R, T, W, S>(reader: R, config: &Config, work: W, mut sink: S) -> io::Result<()>
where
    R: BufRead + Send,
    T: Send,
    W: Fn(Line<'_>) -> T + Sync,
    S: FnMut(T),
{
    let in_flight = config.in_flight.max(1);
    let (permit_tx, permit_rx) = sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        // The channel has room for exactly these permits.
        let _ = permit_tx.send(());
    }
    let (batch_tx, batch_rx) = sync_channel::<Batch>(in_flight);
    let (done_tx, done_rx) = sync_channel::<(u64, Vec<T>)>(in_flight);
    let batch_rx = Mutex::new(batch_rx);
    std::thread::scope(|scope| {
        let read = scope.spawn(move || read_batches(reader, config, &permit_rx, &batch_tx));
        for _ in 0..config.workers.max(1) {
            let done_tx = done_tx.clone();
            let batch_rx = &batch_rx;
            let work = &work;
            scope.spawn(move || loop {
                // The lock is held only to take the next batch.
                let next = match batch_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok(batch) = next else { return };
                let results = batch
                    .lines
                    .iter()
                    .map(|&(number, span)| {
                        let text =
                            span.map(|(start, end)| batch.data.get(start..end).unwrap_or_default());
                        work(Line { number, text })
                    })
                    .collect();
                if done_tx.send((batch.seq, results)).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        let mut waiting: BTreeMap<u64, Vec<T>> = BTreeMap::new();
        let mut next = 0;
        for (seq, results) in done_rx {
            waiting.insert(seq, results);
            while let Some(results) = waiting.remove(&next) {
                results.into_iter().for_each(&mut sink);
                next += 1;
                // The reader may have stopped already; then nobody needs the permit.
                let _ = permit_tx.send(());
            }
        }
        match read.join() {
            Ok(result) => result,
            Err(_) => Err(io::Error::other("the line reader panicked")),
        }
    })
}

/// The reader thread: batches of lines, one permit each.
fn read_batches<R: BufRead>(
    reader: R,
    config: &Config,
    permits: &Receiver<()>,
    out: &std::sync::mpsc::SyncSender<Batch>,
) -> io::Result<()> {
    let mut lines = Lines::new(reader, config.max_line);
    for seq in 0.. {
        if permits.recv().is_err() {
            return Ok(());
        }
        let mut batch = Batch {
            seq,
            data: Vec::with_capacity(config.batch_bytes + config.batch_bytes / 4),
            lines: Vec::with_capacity(config.batch_lines),
        };
        let mut end = Ok(false);
        while batch.lines.len() < config.batch_lines && batch.data.len() < config.batch_bytes {
            match lines.next_into(&mut batch.data) {
                Ok(Some((number, Ok(start)))) => {
                    batch.lines.push((number, Ok((start, batch.data.len()))));
                }
                Ok(Some((number, Err(len)))) => batch.lines.push((number, Err(len))),
                Ok(None) => {
                    end = Ok(true);
                    break;
                }
                // The lines before the error are still worked on.
                Err(e) => {
                    end = Err(e);
                    break;
                }
            }
        }
        if !batch.lines.is_empty() && out.send(batch).is_err() {
            return Ok(());
        }
        if end? {
            return Ok(());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::{BufReader, Cursor, Read};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use super::*;

    /// Counts the bytes the pipeline has pulled from its input.
    struct Counting {
        inner: Cursor<Vec<u8>>,
        read: Arc<AtomicUsize>,
    }

    impl Read for Counting {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.read.fetch_add(n, Ordering::SeqCst);
            Ok(n)
        }
    }

    fn input(lines: usize) -> Vec<u8> {
        (0..lines)
            .map(|i| format!("{i} {}\n", "x".repeat(i % 97)))
            .collect::<String>()
            .into_bytes()
    }

    /// Uneven work (every 7th line spins longer), so workers finish out of order.
    fn uneven(line: Line<'_>) -> (usize, usize) {
        let spins = if line.number % 7 == 0 { 20_000 } else { 10 };
        let mut x = 0u64;
        for i in 0..spins {
            x = std::hint::black_box(x.wrapping_add(i));
        }
        std::hint::black_box(x);
        let len = match line.text {
            Ok(text) => text.len(),
            Err(len) => len,
        };
        (line.number, len)
    }

    #[test]
    fn results_come_in_line_order_with_many_threads() {
        let text = input(20_000);
        let expected: Vec<(usize, usize)> = String::from_utf8_lossy(&text)
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.len()))
            .collect();
        for workers in [1, 2, 8] {
            let mut config = Config::new(workers, 1 << 20);
            config.batch_lines = 13;
            let mut got = Vec::new();
            let result = run(Cursor::new(text.clone()), &config, uneven, |r| got.push(r));
            assert!(result.is_ok());
            assert_eq!(got, expected, "{workers} workers");
        }
    }

    /// However slow the consumer, the reader is never more than `in_flight` batches (plus
    /// one reader buffer) ahead of it: memory does not grow with the input.
    #[test]
    fn the_reader_never_runs_ahead_of_the_consumer() {
        let text = input(50_000);
        let ends: Vec<usize> = text
            .iter()
            .enumerate()
            .filter(|(_, &b)| b == b'\n')
            .map(|(i, _)| i + 1)
            .collect();
        let read = Arc::new(AtomicUsize::new(0));
        let buffer = 4096;
        let reader = BufReader::with_capacity(
            buffer,
            Counting {
                inner: Cursor::new(text.clone()),
                read: Arc::clone(&read),
            },
        );
        let mut config = Config::new(4, 1 << 20);
        config.batch_lines = 50;
        config.batch_bytes = 2048;
        config.in_flight = 3;
        // A batch holds at most `batch_bytes` plus one line (the longest is 103 bytes).
        let bound = config.in_flight * (config.batch_bytes + 110) + buffer;
        let mut max_ahead = 0;
        let mut count = 0;
        let result = run(reader, &config, uneven, |(number, _)| {
            let consumed = ends.get(number - 1).copied().unwrap_or(usize::MAX);
            let ahead = read.load(Ordering::SeqCst).saturating_sub(consumed);
            max_ahead = max_ahead.max(ahead);
            count += 1;
            if number % 1000 == 0 {
                // A slow consumer: an unbounded reader would race to the end meanwhile.
                std::thread::yield_now();
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
        });
        assert!(result.is_ok());
        assert_eq!(count, 50_000);
        assert!(max_ahead <= bound, "{max_ahead} bytes ahead, bound {bound}");
        assert!(text.len() > 20 * bound, "the input must dwarf the bound");
    }

    #[test]
    fn read_errors_end_the_run_after_earlier_lines() {
        struct Failing(usize);
        impl Read for Failing {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                if self.0 == 0 {
                    return Err(io::Error::other("disk on fire"));
                }
                self.0 -= 1;
                let line = b"line\n";
                let n = line.len().min(buf.len());
                if let Some(b) = buf.get_mut(..n) {
                    b.copy_from_slice(line.get(..n).unwrap_or_default());
                }
                Ok(n)
            }
        }
        let mut config = Config::new(2, 100);
        config.batch_lines = 2;
        let mut got = 0;
        let result = run(
            BufReader::new(Failing(5)),
            &config,
            |l| l.number,
            |_| got += 1,
        );
        assert!(result.is_err());
        assert_eq!(got, 5);
    }
}
