//! `baseline.rs` plus the JSON use of `json_use.rs` (see there).

#[path = "baseline.rs"]
mod app;
#[path = "json_use.rs"]
mod json_use;

fn main() {
    leptos::logging::log!("{}", json_use::exercise());
    app::main();
}
