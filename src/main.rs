//! The `loa` binary: parses the command line, runs the verb, prints the
//! report and decides the exit code (0 success, 1 content or build errors,
//! 2 wrong usage).

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::FromArgMatches;
use loa::cli::{Cli, Command, ImportCommand, NewCommand};
use loa::cmd::Report;
use loa::diag::Severity;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        if loa::import::panic_expected() {
            return;
        }
        eprintln!(
            "loa: lỗi nội bộ (đây là lỗi của loa, không phải của nội dung): {info}\nXin báo lỗi này cho nhóm phát triển kèm lệnh vừa chạy."
        );
    }));
    let cli = match loa::cli::command()
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches))
    {
        Ok(cli) => cli,
        Err(err) => return usage_error(&err),
    };
    let outcome = std::panic::catch_unwind(|| match &cli.command {
        Command::Build(args) => {
            loa::cmd::build::run(&cli.global, args, today(), progress_line(cli.global.quiet))
        }
        Command::Check(args) => loa::cmd::check::run(&cli.global, args, today()),
        Command::Init(args) => loa::cmd::init::run(args),
        Command::New(NewCommand::Plan(args)) => loa::cmd::new::plan(&cli.global, args, today()),
        Command::New(NewCommand::Campaign(args)) => {
            loa::cmd::new::campaign(&cli.global, args, today())
        }
        Command::New(NewCommand::Article(args)) => {
            loa::cmd::new::article(&cli.global, args, today())
        }
        Command::Import(ImportCommand::Plan(args)) => loa::cmd::import::plan(&cli.global, args),
        Command::Import(ImportCommand::Article(args)) => {
            loa::cmd::import::article(&cli.global, args, today())
        }
        Command::Import(ImportCommand::Hugo(args)) => {
            loa::cmd::import::site(&cli.global, args, loa::import::site::Tool::Hugo, today())
        }
        Command::Import(ImportCommand::Jekyll(args)) => {
            loa::cmd::import::site(&cli.global, args, loa::import::site::Tool::Jekyll, today())
        }
        Command::Serve(args) => {
            let quiet = cli.global.quiet;
            loa::cmd::serve::run(&cli.global, args, today(), &move |line, problem| {
                if problem || !quiet {
                    eprintln!("{line}");
                }
            })
        }
    });
    let Ok(outcome) = outcome else {
        return ExitCode::from(1);
    };
    match outcome {
        Ok(report) => {
            print_report(&report, cli.global.quiet);
            if report.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(err) => {
            eprintln!("loa: {}: {err:#}", paint(Severity::Error));
            ExitCode::from(1)
        }
    }
}

/// A progress line for long builds, on a terminal only: never with
/// `--quiet`, in CI (`CI` set) or when stderr goes to a file or a pipe.
fn progress_line(quiet: bool) -> Option<loa::Progress> {
    if quiet || std::env::var_os("CI").is_some() || !std::io::stderr().is_terminal() {
        return None;
    }
    let started = std::time::Instant::now();
    let last = std::sync::Mutex::new(None::<std::time::Instant>);
    Some(loa::Progress(std::sync::Arc::new(move |note: &str| {
        let Ok(mut last) = last.lock() else { return };
        // At most ten updates a second, and none for a build that ends at once.
        let now = std::time::Instant::now();
        if now - started < std::time::Duration::from_millis(300)
            || last.is_some_and(|t| now - t < std::time::Duration::from_millis(100))
        {
            return;
        }
        *last = Some(now);
        let seconds = format!("{:.1}", (now - started).as_secs_f64()).replace('.', ",");
        eprint!("\r\x1b[2KĐang dựng trang ({seconds} giây): {note}");
    })))
}

fn print_report(report: &Report, quiet: bool) {
    if !quiet && std::io::stderr().is_terminal() {
        // Clear a progress line, if one was drawn.
        eprint!("\r\x1b[2K");
    }
    for d in &report.diagnostics {
        let text = d.to_string();
        let plain = d.severity.to_string();
        eprintln!(
            "{}",
            text.replacen(
                &format!(": {plain}: "),
                &format!(": {}: ", paint(d.severity)),
                1
            )
        );
    }
    if let Some(output) = &report.output {
        println!("{output}");
    }
    if let Some(summary) = &report.summary {
        if !quiet || report.has_errors() {
            eprintln!("{summary}");
        }
    }
}

/// The severity word, coloured only on a terminal without NO_COLOR.
fn paint(severity: Severity) -> String {
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match (colour, severity) {
        (true, Severity::Error) => format!("\x1b[1;31m{severity}\x1b[0m"),
        (true, Severity::Warning) => format!("\x1b[1;33m{severity}\x1b[0m"),
        (false, _) => severity.to_string(),
    }
}

/// Today in Vietnam, or the day of `SOURCE_DATE_EPOCH` for reproducible runs.
fn today() -> chrono::NaiveDate {
    let vn = chrono::FixedOffset::east_opt(7 * 3600).expect("+07:00 is a valid offset");
    if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
    {
        if let Some(dt) = chrono::DateTime::from_timestamp(epoch, 0) {
            return dt.with_timezone(&vn).date_naive();
        }
    }
    chrono::Utc::now().with_timezone(&vn).date_naive()
}

// Many small strings are allocated per page: mimalloc is faster at it than
// the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Wrong usage, said in Vietnamese (clap's own text is English), with exit
/// 2; `--help` and `--version` print as clap writes them, with exit 0.
fn usage_error(err: &clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ErrorKind};
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = err.print();
            return ExitCode::from(2);
        }
        _ => {}
    }
    let context = |kind| err.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let arg = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let mut message = match err.kind() {
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(err)
                .map(|e| e.to_string())
                .unwrap_or_default();
            // loa's own readers explain in Vietnamese; Rust's (a number
            // that is not one) in English, which is left out.
            if why.starts_with('`') {
                why
            } else {
                format!("giá trị `{value}` của {arg} không dùng được")
            }
        }
        ErrorKind::InvalidValue => {
            let valid = context(ContextKind::ValidValue);
            if valid.is_empty() {
                format!("giá trị `{value}` không hợp lệ cho {arg}")
            } else {
                format!("giá trị `{value}` không hợp lệ cho {arg}; chọn một trong: {valid}")
            }
        }
        ErrorKind::UnknownArgument => format!("không có tùy chọn `{arg}`"),
        ErrorKind::InvalidSubcommand => format!(
            "không có lệnh `{}`",
            context(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => format!("thiếu {arg}"),
        ErrorKind::MissingSubcommand => {
            "thiếu lệnh: build, check, serve, init, new hoặc import".to_string()
        }
        ErrorKind::ArgumentConflict => format!(
            "{arg} không dùng cùng với {}",
            context(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("số giá trị cho {arg} không đúng")
        }
        ErrorKind::NoEquals => format!("{arg} cần dấu `=` trước giá trị"),
        ErrorKind::InvalidUtf8 => "dòng lệnh có ký tự không phải UTF-8".to_string(),
        _ => "cách gọi lệnh không đúng".to_string(),
    };
    let suggested = context(ContextKind::SuggestedArg) + &context(ContextKind::SuggestedSubcommand);
    if !suggested.is_empty() {
        message.push_str(&format!("; có phải ý bạn là `{suggested}`?"));
    }
    eprintln!(
        "loa: lỗi: {message}\n  = gợi ý: xem `loa --help`, hoặc `loa <lệnh> --help` cho một lệnh"
    );
    ExitCode::from(2)
}
