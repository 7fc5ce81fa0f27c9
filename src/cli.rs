//! Command-line types (clap derive). No logic here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// loa: trình tạo cổng thông tin tĩnh cho chính quyền cấp xã.
#[derive(Parser, Debug)]
#[command(name = "loa", version, about, long_about = None)]
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
    /// Thư mục trang (chứa site.yaml, content/, themes/).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Chỉ in lỗi và cảnh báo.
    #[arg(long, short, global = true)]
    pub quiet: bool,
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
}

/// `loa import article FILE`
#[derive(Args, Debug, Clone)]
pub struct ImportArticleArgs {
    /// Tệp bài viết (.docx, .odt, .md, .txt).
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
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Địa chỉ đầy đủ nơi trang được đăng, thay cho base_url trong site.yaml.
    #[arg(long, value_name = "URL")]
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
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

/// `loa init DIR`
#[derive(Args, Debug, Clone)]
pub struct InitArgs {
    /// Thư mục sẽ chứa trang mới (phải chưa có hoặc trống).
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
    pub title: String,
    /// Đường dẫn (slug); mặc định tạo từ tên chiến dịch.
    #[arg(long)]
    pub slug: Option<String>,
    /// Ngày bắt đầu (2027-06-01, 01/06/2027…); mặc định hôm nay.
    #[arg(long, value_name = "DATE", value_parser = day_argument)]
    pub start: Option<chrono::NaiveDate>,
}

/// `loa new plan TITLE`
#[derive(Args, Debug, Clone)]
pub struct NewPlanArgs {
    /// Trích yếu (tên) của kế hoạch.
    pub title: String,
    /// Đường dẫn (slug); mặc định tạo từ tên kế hoạch.
    #[arg(long)]
    pub slug: Option<String>,
}

/// `loa new article TITLE`
#[derive(Args, Debug, Clone)]
pub struct NewArticleArgs {
    /// Tiêu đề bài viết.
    pub title: String,
    /// Đường dẫn (slug); mặc định tạo từ tiêu đề.
    #[arg(long)]
    pub slug: Option<String>,
}

/// `loa serve`
#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// Cổng trên 127.0.0.1 (0: một cổng còn trống bất kỳ).
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// Thư mục chứa bản xem trước (mặc định: một thư mục tạm, xóa khi dừng).
    #[arg(long, value_name = "DIR")]
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
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
