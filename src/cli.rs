//! Command-line types (clap derive). No logic here.

use std::path::PathBuf;

use clap::{ArgAction, Args, CommandFactory, Parser, Subcommand};

/// loa: trình tạo cổng thông tin tĩnh cho chính quyền cấp xã.
#[derive(Parser, Debug)]
#[command(
    name = "loa",
    version,
    about = "loa: trình tạo cổng thông tin tĩnh cho chính quyền cấp xã.",
    long_about = None,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// Options for every command.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Options for every command.
#[derive(Args, Debug, Clone)]
pub struct GlobalArgs {
    /// Thư mục trang (chứa site.yaml, content/, themes/); mặc định thư mục hiện tại.
    #[arg(
        long,
        global = true,
        default_value = ".",
        hide_default_value = true,
        value_name = "THƯ_MỤC"
    )]
    pub root: PathBuf,
    /// Chỉ in lỗi và cảnh báo.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// In hướng dẫn này.
    #[arg(long, short, global = true, action = ArgAction::Help)]
    pub help: Option<bool>,
    /// In phiên bản của loa.
    #[arg(long, short = 'V', action = ArgAction::Version)]
    pub version: Option<bool>,
}

/// The command line with its help in Vietnamese: clap's own headings,
/// usage line and placeholders ("Usage:", "[OPTIONS]") replaced on every
/// command.
pub fn command() -> clap::Command {
    vietnamese(Cli::command(), "loa")
}

fn vietnamese(command: clap::Command, path: &str) -> clap::Command {
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    let positionals: Vec<String> = command
        .get_positionals()
        .map(|a| {
            let name = a
                .get_value_names()
                .and_then(|v| v.first())
                .map_or_else(|| a.get_id().to_string().to_uppercase(), |n| n.to_string());
            format!("<{name}>")
        })
        .collect();
    let mut usage = format!("{path} [tùy chọn]");
    for p in &positionals {
        usage.push(' ');
        usage.push_str(p);
    }
    if !names.is_empty() {
        usage.push_str(" <lệnh>");
    }
    let mut command = command
        .help_template("{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}")
        .override_usage(usage)
        .subcommand_help_heading("Lệnh")
        .mut_args(|a| {
            if a.is_positional() {
                a.help_heading("Tham số")
            } else {
                a.help_heading("Tùy chọn")
            }
        });
    for name in names {
        let sub_path = format!("{path} {name}");
        command = command.mut_subcommand(name, |c| vietnamese(c, &sub_path));
    }
    command
}

/// The verbs of DESIGN.md.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Dựng trang vào thư mục đầu ra (mặc định public/).
    Build(BuildArgs),
    /// Kiểm tra toàn bộ nội dung, không ghi gì.
    Check(CheckArgs),
    /// Tạo một trang mới từ mẫu có sẵn.
    Init(InitArgs),
    /// Tạo một tệp nội dung mới từ mẫu.
    #[command(subcommand)]
    New(NewCommand),
    /// Xem trước trên 127.0.0.1, tự dựng lại và tải lại trang khi nội dung thay đổi.
    Serve(ServeArgs),
    /// Nhập một văn bản (Word, OpenDocument, PDF, văn bản thô) vào nội dung.
    #[command(subcommand)]
    Import(ImportCommand),
}

/// `loa import …`
#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// Một kế hoạch từ tệp .docx, .odt, .pdf, .txt hoặc .md vào content/ke-hoach/.
    Plan(ImportPlanArgs),
    /// Một bài viết (bản nháp) từ tệp .docx, .odt, .md hoặc .txt vào content/bai-viet/.
    Article(ImportArticleArgs),
    /// Bài viết, trang và tệp tĩnh của một trang Hugo (thư mục có content/, static/).
    Hugo(ImportSiteArgs),
    /// Bài viết, trang và tệp tĩnh của một trang Jekyll (thư mục có _posts/).
    Jekyll(ImportSiteArgs),
}

/// `loa import hugo DIR`, `loa import jekyll DIR`
#[derive(Args, Debug, Clone)]
pub struct ImportSiteArgs {
    /// Thư mục của trang cũ.
    #[arg(value_name = "THƯ_MỤC")]
    pub dir: PathBuf,
    /// Ghi đè các tệp đã có cùng tên trong trang loa.
    #[arg(long)]
    pub force: bool,
}

/// `loa import article FILE`
#[derive(Args, Debug, Clone)]
pub struct ImportArticleArgs {
    /// Tệp bài viết (.docx, .odt, .md, .txt).
    #[arg(value_name = "TỆP")]
    pub file: PathBuf,
    /// Đường dẫn (slug) của bài; mặc định tạo từ tiêu đề.
    #[arg(long)]
    pub slug: Option<String>,
    /// Ghi đè bài viết (và ảnh của bài) đã có cùng tên.
    #[arg(long)]
    pub force: bool,
}

/// `loa import plan FILE`
#[derive(Args, Debug, Clone)]
pub struct ImportPlanArgs {
    /// Tệp văn bản kế hoạch (.docx, .odt, .pdf có lớp chữ, .txt, .md).
    #[arg(value_name = "TỆP")]
    pub file: PathBuf,
    /// Đường dẫn (slug) của kế hoạch; mặc định tạo từ trích yếu và năm.
    #[arg(long)]
    pub slug: Option<String>,
    /// Ghi đè tệp kế hoạch đã có cùng tên.
    #[arg(long)]
    pub force: bool,
}

/// `loa build`
#[derive(Args, Debug, Clone)]
pub struct BuildArgs {
    /// Thư mục đầu ra (mặc định public/ trong thư mục trang).
    #[arg(long, value_name = "THƯ_MỤC")]
    pub out: Option<PathBuf>,
    /// Địa chỉ đầy đủ nơi trang được đăng, thay cho base_url trong site.yaml.
    #[arg(long, value_name = "ĐỊA_CHỈ")]
    pub base_url: Option<String>,
    /// Dựng cả các bài nháp (draft: true).
    #[arg(long)]
    pub drafts: bool,
    /// Không rút gọn (minify) HTML.
    #[arg(long)]
    pub no_minify: bool,
    /// Bản dùng không cần mạng: mở trực tiếp từ ổ đĩa hoặc USB (liên kết ghi rõ index.html).
    #[arg(long)]
    pub offline: bool,
}

/// `loa check`
#[derive(Args, Debug, Clone)]
pub struct CheckArgs {
    /// Kiểm tra cả các bài nháp.
    #[arg(long)]
    pub drafts: bool,
    /// Kiểm tra trước khi đăng: còn chỗ "[Cần điền…]" nào cũng là lỗi.
    #[arg(long)]
    pub strict: bool,
    /// Địa chỉ đầy đủ nơi trang được đăng, thay cho base_url trong site.yaml.
    #[arg(long, value_name = "ĐỊA_CHỈ")]
    pub base_url: Option<String>,
}

/// `loa init DIR`
#[derive(Args, Debug, Clone)]
pub struct InitArgs {
    /// Thư mục sẽ chứa trang mới (phải chưa có hoặc trống).
    #[arg(value_name = "THƯ_MỤC")]
    pub dir: PathBuf,
}

/// `loa new …`
#[derive(Subcommand, Debug)]
pub enum NewCommand {
    /// Một bài viết mới trong content/bai-viet/.
    Article(NewArticleArgs),
    /// Một kế hoạch mới (tệp YAML mẫu) trong content/ke-hoach/.
    Plan(NewPlanArgs),
    /// Một chiến dịch truyền thông mới trong content/chien-dich/.
    Campaign(NewCampaignArgs),
}

/// `loa new campaign TITLE`
#[derive(Args, Debug, Clone)]
pub struct NewCampaignArgs {
    /// Tên chiến dịch.
    #[arg(value_name = "TÊN")]
    pub title: String,
    /// Đường dẫn (slug); mặc định tạo từ tên chiến dịch.
    #[arg(long)]
    pub slug: Option<String>,
    /// Ngày bắt đầu (2027-06-01, 01/06/2027…); mặc định hôm nay.
    #[arg(long, value_name = "NGÀY", value_parser = day_argument)]
    pub start: Option<chrono::NaiveDate>,
}

/// `loa new plan TITLE`
#[derive(Args, Debug, Clone)]
pub struct NewPlanArgs {
    /// Trích yếu (tên) của kế hoạch.
    #[arg(value_name = "TÊN")]
    pub title: String,
    /// Đường dẫn (slug); mặc định tạo từ tên kế hoạch.
    #[arg(long)]
    pub slug: Option<String>,
}

/// `loa new article TITLE`
#[derive(Args, Debug, Clone)]
pub struct NewArticleArgs {
    /// Tiêu đề bài viết.
    #[arg(value_name = "TÊN")]
    pub title: String,
    /// Đường dẫn (slug); mặc định tạo từ tiêu đề.
    #[arg(long)]
    pub slug: Option<String>,
}

/// `loa serve`
#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// Cổng trên 127.0.0.1, mặc định 1111 (0: một cổng còn trống bất kỳ).
    #[arg(
        long,
        short,
        default_value_t = 1111,
        hide_default_value = true,
        value_name = "CỔNG"
    )]
    pub port: u16,
    /// Thư mục chứa bản xem trước (mặc định: một thư mục tạm, xóa khi dừng).
    #[arg(long, value_name = "THƯ_MỤC")]
    pub out: Option<PathBuf>,
    /// Xem cả các bài nháp (draft: true).
    #[arg(long)]
    pub drafts: bool,
}

/// A day given on the command line, read as in front matter.
fn day_argument(text: &str) -> Result<chrono::NaiveDate, String> {
    let utc = chrono::Offset::fix(&chrono::Utc);
    crate::parse::date::read_date(text, utc)
        .map(|d| d.date())
        .map_err(|problem| {
            let (message, help) = problem.message("--start", text);
            format!("{message}; {help}")
        })
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_consistent() {
        super::command().debug_assert();
    }

    /// `--help` of every command, in Vietnamese: none of clap's English.
    #[test]
    fn help_is_vietnamese_everywhere() {
        fn check(mut command: clap::Command, path: &str) {
            let help = command.render_help().to_string();
            for english in [
                "Usage",
                "Options",
                "Commands",
                "Arguments",
                "Print",
                "[default",
                "[OPTIONS]",
                "<COMMAND>",
            ] {
                assert!(!help.contains(english), "{path}: {english} in\n{help}");
            }
            assert!(help.contains("Cách dùng: "), "{path}:\n{help}");
            let subs: Vec<clap::Command> = command.get_subcommands().cloned().collect();
            for sub in subs {
                let name = format!("{path} {}", sub.get_name());
                check(sub, &name);
            }
        }
        check(super::command(), "loa");
    }
}
