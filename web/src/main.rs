//! Entry point of the demo SPA: install the panic hook, then mount the app on `<body>`.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(cogfed_web::App);
}
