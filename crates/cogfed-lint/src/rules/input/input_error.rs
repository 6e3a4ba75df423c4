use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// Every file that is an input cogfed reads can be read: it is UTF-8 text of at most 8 MiB, it parses
    /// (JSON, YAML as libyaml reads it, TOML, env), and its values have the types the format gives them (a list
    /// where AWS expects a list, a number where it expects a number). Files that are not of a format cogfed
    /// reads (a `package.json` beside the templates) are skipped and counted, not reported here.
    ///
    /// # Why it matters
    /// A file that cannot be read cannot be checked: the cross-file rules (a redirect URI registered in another
    /// file, a scope defined by a resource server elsewhere) would be judged without it. The other files are
    /// still linted and their findings reported, but the run exits with code 2 so CI does not pass on a file
    /// that was never checked. A template AWS would refuse to parse fails at deployment too.
    ///
    /// # Example
    /// A list written as a string (the same holds for a template whose `[` is never closed):
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// callback_urls = "https://app.example.com/callback"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// callback_urls = ["https://app.example.com/callback"]
    /// ```
    ///
    /// # Source
    /// The formats' own grammars (RFC 8259 JSON, YAML 1.1 as libyaml/PyYAML and so cfn-lint read it, TOML
    /// 1.0); cognito-facts §7 for the shapes of AWS CLI output, CloudFormation and the manifest's types.
    /// This finding cannot be turned off or lowered: `--allow input-error` is refused.
    pub static RULE = {
        id: "input-error",
        group: Input,
        severity: Error,
        summary: "an input cannot be read (syntax error, wrong type, unreadable file)",
        check: Loader,
    };
}
