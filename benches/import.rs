//! Import benchmark: `cargo bench --bench import [-- --rows N]` (default 1,000,000).
//!
//! Generates N realistic results with `accolade generate`, then runs the real
//! `accolade import` binary twice against a private PostgreSQL in a temporary folder: the
//! first run imports everything, the second must change nothing. Each run is timed (wall
//! clock, including starting and stopping the private cluster) and its peak resident memory
//! is read from `/proc/<pid>/status` (VmHWM, the importer process alone: PostgreSQL's own
//! memory is not counted). Targets: 60 s and 200 MB for the import, 30 s for the re-import.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_accolade");

struct Run {
    wall: Duration,
    peak_kib: u64,
    stdout: String,
}

fn accolade(data_dir: &Path) -> Command {
    let mut command = Command::new(BIN);
    command
        .env_remove("DATABASE_URL")
        .env("ACCOLADE_DATA_DIR", data_dir)
        .env("ACCOLADE_LOG", "warn")
        .env("LANG", "C.UTF-8");
    command
}

fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Runs the command, sampling its peak resident memory every 5 ms until it exits.
fn measured(mut command: Command) -> Run {
    let started = Instant::now();
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut peak = 0;
    loop {
        if let Some(kib) = peak_kib(pid) {
            peak = peak.max(kib);
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let wall = started.elapsed();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.code() == Some(0),
        "accolade failed: {:?}",
        output.status
    );
    Run {
        wall,
        peak_kib: peak,
        stdout: String::from_utf8_lossy(&output.stdout).trim().to_owned(),
    }
}

fn report(label: &str, run: &Run, rows: u64, verdict: &str, target: &str) {
    println!(
        "  {label:<18}  {:>8.1} s  {:>9.0} rows/s  peak RSS {:>6.1} MB   {verdict} (target {target})",
        run.wall.as_secs_f64(),
        rows as f64 / run.wall.as_secs_f64(),
        run.peak_kib as f64 / 1024.0,
    );
    println!("    {}", run.stdout);
}

fn rows_from_args() -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--rows")
        .and_then(|i| args.get(i + 1))
        .map(|n| n.replace('_', "").parse().expect("--rows takes a number"))
        .unwrap_or(1_000_000)
}

fn main() -> ExitCode {
    let rows = rows_from_args();
    // Under /tmp: as root, PostgreSQL runs as the postgres user, which must reach the folder.
    let dir = std::env::temp_dir().join(format!("accolade-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data = dir.join("data");
    let csv = dir.join("results.csv");

    let started = Instant::now();
    let status = accolade(&data)
        .args(["generate", &rows.to_string(), "--seed", "1", "--output"])
        .arg(&csv)
        .status()
        .unwrap();
    assert!(status.success());
    let generate = started.elapsed();
    let size_mb = std::fs::metadata(&csv).unwrap().len() as f64 / 1e6;

    let catalog = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/demo/catalog.toml");
    let status = accolade(&data)
        .args(["catalog", "load"])
        .arg(&catalog)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());

    let mut import = accolade(&data);
    import.arg("import").arg(&csv);
    let first = measured(import);
    let mut again = accolade(&data);
    again.arg("import").arg(&csv);
    let second = measured(again);

    let mb = |kib: u64| kib as f64 / 1024.0;
    let verdict = |ok: bool| if ok { "PASS" } else { "FAIL" };
    let import_ok = first.wall < Duration::from_secs(60) && mb(first.peak_kib) < 200.0;
    let nothing_changed =
        second.stdout.contains(" 0 imported,") && second.stdout.contains(" 0 badges awarded");
    let reimport_ok = second.wall < Duration::from_secs(30) && nothing_changed;

    println!();
    println!("accolade import benchmark: {rows} rows ({size_mb:.1} MB of CSV)");
    println!("  generate            {:>8.1} s", generate.as_secs_f64());
    report(
        "import",
        &first,
        rows,
        verdict(import_ok),
        "< 60 s, < 200 MB",
    );
    report(
        "re-import",
        &second,
        rows,
        verdict(reimport_ok),
        "< 30 s, nothing changed",
    );
    println!(
        "  (wall times include starting and stopping the private PostgreSQL; RSS is the importer alone)"
    );

    let _ = std::fs::remove_dir_all(&dir);
    if import_ok && reimport_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
