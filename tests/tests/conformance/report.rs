//! Tally of one conformance area: failures are printed as they happen, the summary at the end.

use std::path::Path;

/// Pass/fail counts of one area.
pub(crate) struct Area {
    name: &'static str,
    passed: usize,
    failed: usize,
}

impl Area {
    /// Starts counting the area `name`.
    pub(crate) fn new(name: &'static str) -> Self {
        Area {
            name,
            passed: 0,
            failed: 0,
        }
    }

    /// Records one case: `Ok` passes, `Err(why)` prints `file: case: why` and fails.
    pub(crate) fn case(&mut self, file: &Path, case: &str, outcome: Result<(), String>) {
        match outcome {
            Ok(()) => self.passed += 1,
            Err(why) => {
                self.failed += 1;
                let file = file.file_name().map_or_else(
                    || file.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                println!("FAIL {file}: {case:?}: {why}");
            }
        }
    }

    /// Prints the closing line and fails the test if any case failed or none ran.
    pub(crate) fn finish(self) {
        println!(
            "{}: {} passed, {} failed",
            self.name, self.passed, self.failed
        );
        assert!(
            self.passed + self.failed > 0,
            "{}: no cases found",
            self.name
        );
        assert_eq!(
            self.failed, 0,
            "{}: {} cases failed",
            self.name, self.failed
        );
    }
}
