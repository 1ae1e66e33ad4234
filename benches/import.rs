//! Import benchmark: `cargo bench --bench import [-- --rows N]` (default 1,000,000).
//!
//! Generates N realistic results with `accolade generate`, loads the demo catalog, then runs
//! the real `accolade import` binary twice against its own private PostgreSQL in a temporary
//! folder under /tmp: the first run imports everything, the second must change nothing.
//! Each run is timed (wall clock, including starting and stopping the private cluster) and
//! its peak resident memory is measured (the importer process alone, see [`measured`]).
//! Targets: import < 60 s and < 200 MB resident; re-import < 30 s with 0 imported.
//! Exits non-zero when a target is missed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, ExitStatus, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_accolade");
const IMPORT_MAX: Duration = Duration::from_secs(60);
const IMPORT_MAX_MB: f64 = 200.0;
const REIMPORT_MAX: Duration = Duration::from_secs(30);

/// The temporary folder; removed when dropped (also when the benchmark panics).
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One measured run of the binary.
struct Run {
    status: ExitStatus,
    wall: Duration,
    peak_kib: u64,
    stdout: String,
}

impl Run {
    fn peak_mb(&self) -> f64 {
        self.peak_kib as f64 / 1024.0
    }
}

/// The counts of the CLI's summary line:
/// `N rows: X imported, Y already known, A badges awarded, B without a badge by the rules, R rejected`.
#[derive(Debug, Default)]
struct Summary {
    received: u64,
    imported: u64,
    known: u64,
    awarded: u64,
    no_badge: u64,
    rejected: u64,
}

impl Summary {
    fn parse(stdout: &str) -> Option<Summary> {
        let line = stdout.lines().find(|l| l.contains(" rows: "))?;
        let counts: Vec<u64> = line
            .split([':', ','])
            .map(|part| part.trim().split(' ').next()?.parse().ok())
            .collect::<Option<_>>()?;
        let [received, imported, known, awarded, no_badge, rejected] = counts[..] else {
            return None;
        };
        Some(Summary {
            received,
            imported,
            known,
            awarded,
            no_badge,
            rejected,
        })
    }
}

/// The binary, on the private cluster of `data_dir` (no DATABASE_URL), speaking English.
fn accolade(data_dir: &Path) -> Command {
    let mut command = Command::new(BIN);
    command
        .env_remove("DATABASE_URL")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .env("ACCOLADE_DATA_DIR", data_dir)
        .env("ACCOLADE_LOG", "warn");
    command
}

/// VmHWM of a live process: the kernel's high-water mark of its resident memory, in KiB.
fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Runs the command to its end: wall time, stdout, and the peak resident memory of that one
/// process.
///
/// Why not `getrusage(RUSAGE_CHILDREN).ru_maxrss`: it is the maximum over every child this
/// process ever waited for (so `generate` would count), and the kernel folds each reaped
/// process's own children's maximum into it: the importer reaps the postmaster it started,
/// which reaped its backends, whose RSS includes the shared buffers they touched. The figure
/// would be PostgreSQL's, not the importer's. (wait4 would give one child's rusage, but with
/// the same folding of grandchildren, and nix does not wrap it.)
///
/// Instead `/proc/<pid>/status` VmHWM is sampled every 5 ms while the process lives. VmHWM
/// is already a maximum kept by the kernel for that address space only (PostgreSQL runs as
/// separate processes, so its memory is not in it), so sampling misses no spike: only
/// growth in the last < 5 ms before exit could go unseen, when the importer is closing its
/// pool and waiting for PostgreSQL to stop.
fn measured(mut command: Command) -> Run {
    let started = Instant::now();
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let pid = child.id();
    // Read stdout aside so that a chatty child never blocks on a full pipe.
    let mut pipe = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        pipe.read_to_string(&mut out).map(|_| out)
    });
    let mut peak = 0;
    let status = loop {
        if let Some(kib) = peak_kib(pid) {
            peak = peak.max(kib);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let wall = started.elapsed();
    let stdout = reader.join().unwrap().unwrap();
    Run {
        status,
        wall,
        peak_kib: peak,
        stdout: stdout.trim().to_owned(),
    }
}

fn rows_from_args() -> u64 {
    // cargo bench also passes `--bench`: only `--rows N` is ours.
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--rows")
        .and_then(|i| args.get(i + 1))
        .map(|n| {
            n.replace(['_', ','], "")
                .parse()
                .expect("--rows takes a number")
        })
        .unwrap_or(1_000_000)
}

/// 1234567 -> "1,234,567".
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "FAIL" }
}

fn main() -> ExitCode {
    let rows = rows_from_args();
    // Under /tmp: as root, PostgreSQL runs as the `postgres` user, which must reach the folder.
    let dir = TempDir(PathBuf::from(format!(
        "/tmp/accolade-bench-{}",
        std::process::id()
    )));
    let _ = std::fs::remove_dir_all(&dir.0);
    std::fs::create_dir_all(&dir.0).unwrap();
    let data = dir.0.join("data");
    let csv = dir.0.join("results.csv");
    eprintln!(
        "accolade import benchmark: {} rows in {}",
        grouped(rows),
        dir.0.display()
    );

    let mut generate = accolade(&data);
    generate
        .args(["generate", &rows.to_string(), "--seed", "1", "--output"])
        .arg(&csv);
    let generated = measured(generate);
    assert!(
        generated.status.success(),
        "generate failed: {}",
        generated.status
    );
    let size_mb = std::fs::metadata(&csv).unwrap().len() as f64 / 1e6;

    // The first command to open the database creates the private cluster (initdb) and
    // applies the migrations: that is not part of the measured imports.
    let catalog = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/demo/catalog.toml");
    let status = accolade(&data)
        .args(["catalog", "load"])
        .arg(&catalog)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "catalog load failed: {status}");

    eprintln!("importing...");
    let mut import = accolade(&data);
    import.arg("import").arg(&csv);
    let first = measured(import);
    eprintln!("re-importing...");
    let mut again = accolade(&data);
    again.arg("import").arg(&csv);
    let second = measured(again);

    let first_summary = Summary::parse(&first.stdout).unwrap_or_default();
    let second_summary = Summary::parse(&second.stdout).unwrap_or_default();
    // A fresh database and unique result ids: every row is imported, none rejected.
    let import_complete = first.status.success()
        && first_summary.received == rows
        && first_summary.imported == rows
        && first_summary.rejected == 0;
    let import_ok = import_complete && first.wall < IMPORT_MAX && first.peak_mb() < IMPORT_MAX_MB;
    let nothing_changed = second.status.success()
        && second_summary.received == rows
        && second_summary.imported == 0
        && second_summary.awarded == 0
        && second_summary.known == rows;
    let reimport_ok = nothing_changed && second.wall < REIMPORT_MAX;

    let per_second = |run: &Run| grouped((rows as f64 / run.wall.as_secs_f64()) as u64);
    println!();
    println!(
        "accolade import benchmark: {} rows, {size_mb:.1} MB of CSV (seed 1)",
        grouped(rows)
    );
    println!(
        "  {:<10} {:>9} {:>11} {:>14}   {:<30} result",
        "step", "wall (s)", "rows/s", "peak RSS (MB)", "target"
    );
    println!(
        "  generate   {:>9.1} {:>11} {:>14.1}   {:<30} -",
        generated.wall.as_secs_f64(),
        per_second(&generated),
        generated.peak_mb(),
        "-"
    );
    for (label, run, target, ok) in [
        (
            "import",
            &first,
            "< 60 s, < 200 MB, all imported",
            import_ok,
        ),
        ("re-import", &second, "< 30 s, 0 imported", reimport_ok),
    ] {
        println!(
            "  {label:<10} {:>9.1} {:>11} {:>14.1}   {target:<30} {}",
            run.wall.as_secs_f64(),
            per_second(run),
            run.peak_mb(),
            verdict(ok)
        );
    }
    println!();
    println!("  import:    {} ({})", first.stdout, first.status);
    println!("  re-import: {} ({})", second.stdout, second.status);
    println!(
        "  first import: {} awarded, {} without a badge; re-import: {} already known",
        grouped(first_summary.awarded),
        grouped(first_summary.no_badge),
        grouped(second_summary.known)
    );
    println!("  Wall times include starting and stopping the private PostgreSQL (not initdb).");
    println!(
        "  Peak RSS is the importer process alone (VmHWM from /proc); the private PostgreSQL runs\n  \
         as separate processes (postmaster and backends, shared_buffers 128MB), not counted."
    );
    println!("  overall: {}", verdict(import_ok && reimport_ok));

    drop(dir);
    if import_ok && reimport_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
