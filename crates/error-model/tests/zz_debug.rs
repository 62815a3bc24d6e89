mod corpus;
use corpus::{decode, load};
#[test]
fn show() {
    let Ok(list) = std::env::var("SHOW") else { return };
    for p in list.split(',') {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures").join(format!("{p}.json"));
        let body = load(&path);
        match decode(&body) {
            Ok(e) => eprintln!(
                "== {p}\n{e:?}\n  fields {:?}\n  ext {:?}\n  up {:?}",
                e.fields().iter().map(|f| (&f.pointer, &f.message)).collect::<Vec<_>>(),
                e.details().extensions,
                e.upstream()
            ),
            Err(e) => eprintln!("== {p}: {e}"),
        }
    }
}
