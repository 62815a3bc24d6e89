//! Where each page of the documentation site lives: the source path of a
//! code's, a category's, a status's and a dialect's page, relative to the
//! site's source folder. The site ([`site`](super::site)) writes its pages
//! there, and every page that links to one ([`docs`](super::docs) too) asks
//! here.

use error_model::wire::Dialect;
use error_model::{Category, CodeInfo};

/// The source path of a code's page: [`CodeInfo::docs_page`] with `.md`
/// for `.html` (mdBook writes `x.md` as `x.html`).
///
/// # Examples
///
/// ```
/// use error_model::ErrorCode;
/// use error_model_publish::paths::code_page_path;
///
/// assert_eq!(code_page_path(ErrorCode::NotFound.info()), "codes/NOT_FOUND.md");
/// ```
pub fn code_page_path(info: &CodeInfo) -> String {
    let page = info.docs_page();
    format!("{}.md", page.strip_suffix(".html").unwrap_or(page))
}

/// The source path of a category's page, such as `categories/not_found.md`.
pub fn category_page_path(category: Category) -> String {
    format!("categories/{}.md", category.as_str())
}

/// The source path of a status's page, such as `statuses/404.md`.
pub fn status_page_path(status: u16) -> String {
    format!("statuses/{status}.md")
}

/// The source path of a dialect's page, such as `dialects/problem.md`.
pub fn dialect_page_path(dialect: Dialect) -> String {
    format!("dialects/{}.md", dialect.name())
}
