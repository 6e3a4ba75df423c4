use super::*;

#[test]
fn duplicate_members_are_rejected_at_any_depth_and_after_unescaping() {
    assert_eq!(
        parse_object(br#"{"alg":"RS256","alg":"none"}"#),
        Err(JsonError::DuplicateMember("alg".into()))
    );
    assert_eq!(
        parse_object(br#"{"alg":"RS256","\u0061lg":"none"}"#),
        Err(JsonError::DuplicateMember("alg".into()))
    );
    assert_eq!(
        parse_object(br#"{"a":{"b":1,"b":2}}"#),
        Err(JsonError::DuplicateMember("b".into()))
    );
    assert!(parse_object(br#"{"a":{"b":1},"c":[{"b":1},{"b":2}]}"#).is_ok());
}

#[test]
fn members_per_object_are_bounded() {
    let members = |n: usize| {
        let body: Vec<String> = (0..n).map(|i| format!("\"k{i}\":1")).collect();
        format!("{{{}}}", body.join(","))
    };
    assert!(parse_object(members(MAX_MEMBERS).as_bytes()).is_ok());
    assert_eq!(
        parse_object(members(MAX_MEMBERS + 1).as_bytes()),
        Err(JsonError::TooManyMembers)
    );
}

#[test]
fn depth_limit_counts_only_structural_brackets() {
    let deep = format!("{{\"a\":{}1{}}}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert_eq!(parse_object(deep.as_bytes()), Err(JsonError::TooDeep));
    let fine = format!(
        "{{\"a\":{}1{}}}",
        "[".repeat(MAX_DEPTH - 1),
        "]".repeat(MAX_DEPTH - 1)
    );
    assert!(parse_object(fine.as_bytes()).is_ok());
    assert!(parse_object(br#"{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"{{{{{{{{{{{{{{{{{{{{{{{"}"#).is_ok());
}

#[test]
fn rejects_non_objects_bom_invalid_utf8_trailing_garbage_and_lone_surrogates() {
    assert_eq!(parse_object(b"[1]"), Err(JsonError::NotAnObject));
    assert_eq!(parse_object(b"\xEF\xBB\xBF{}"), Err(JsonError::ByteOrderMark));
    assert_eq!(parse_object(b"{\"a\":\"\xff\"}"), Err(JsonError::NotUtf8(6)));
    assert!(matches!(parse_object(b"{} x"), Err(JsonError::Syntax(_))));
    assert!(matches!(
        parse_object(br#"{"a":"\ud800"}"#),
        Err(JsonError::Syntax(_))
    ));
    // UTF-16 encoded JSON is not UTF-8.
    assert!(parse_object(b"{\0}\0").is_err());
}

#[test]
fn duplicate_names_with_quotes_and_colons_are_reported_exactly() {
    assert_eq!(
        parse_object(br#"{"x\" at line 1:end":1,"x\" at line 1:end":2}"#),
        Err(JsonError::DuplicateMember("x\" at line 1:end".into()))
    );
}

#[test]
fn numbers_follow_rfc_8259_and_stay_within_f64() {
    for good in [
        "0",
        "18446744073709551615",
        "-9223372036854775808",
        "-1",
        "1.5",
        "-0",
        "18446744073709551616",
        "12.5e-1",
        "1E+2",
        "0.1",
        "1e-400",
        "0e999999999999",
    ] {
        assert_eq!(parse_value(good), Ok(Value::Number(good)), "{good}");
    }
    assert_eq!(
        parse_value("18446744073709551615").unwrap().as_u64(),
        Some(u64::MAX)
    );
    for not_u64 in ["18446744073709551616", "-1", "1.0", "1e2", "-0"] {
        assert_eq!(parse_value(not_u64).unwrap().as_u64(), None, "{not_u64}");
    }
    for bad in [
        "01", "-", "1.", ".5", "+1", "1e", "1e+", "0x1", "1.e3", "--1", "NaN", "Infinity",
    ] {
        assert!(matches!(parse_value(bad), Err(JsonError::Syntax(_))), "{bad}");
    }
    for huge in ["1e309", "-1e400", "1e999999999999999999999"] {
        assert!(
            matches!(parse_value(huge), Err(JsonError::Syntax(m)) if m.contains("out of range")),
            "{huge}"
        );
    }
}

#[test]
fn strings_and_escapes() {
    let text = r#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#;
    assert_eq!(
        parse_value(text).unwrap().as_str().as_deref(),
        Some("a\"\\/\u{8}\u{c}\n\r\t\u{e9}\u{1f600}")
    );
    assert!(matches!(
        parse_value(r#""plain""#).unwrap().as_str(),
        Some(Cow::Borrowed("plain"))
    ));
    for bad in [
        r#""\ud800""#,
        r#""\udc00""#,
        r#""\ud800\u0041""#,
        r#""\x""#,
        r#""\u12""#,
        r#""\u+123""#,
        "\"a\nb\"",
        "\"open",
    ] {
        assert!(matches!(parse_value(bad), Err(JsonError::Syntax(_))), "{bad}");
    }
    let mut out = String::new();
    write_string(&mut out, "q\"b\\n\n\u{1}é");
    assert_eq!(out, r#""q\"b\\n\n\u0001é""#);
    assert_eq!(
        parse_value(&out).unwrap().as_str().as_deref(),
        Some("q\"b\\n\n\u{1}é")
    );
}

#[test]
fn syntax_errors_say_what_and_where() {
    assert_eq!(
        parse_object(br#"{"a":1 "b":2}"#),
        Err(JsonError::Syntax("expected ',' or '}' at byte 7".into()))
    );
    assert_eq!(
        parse_object(br#"{"a":tru}"#),
        Err(JsonError::Syntax("expected a value at byte 5".into()))
    );
    assert!(matches!(parse_object(b"{"), Err(JsonError::Syntax(m)) if m.contains("byte 1")));
    assert!(matches!(parse_object(b" \t\r\n{} \n"), Ok(m) if m.is_empty()));
    assert!(
        matches!(parse_object(b"{}\x0c"), Err(JsonError::Syntax(_))),
        "form feed is not JSON whitespace"
    );
}

#[test]
fn members_and_items_are_read_in_order() {
    let object = parse_object(br#"{ "b" : [1, "x", {"c":null}], "a\u0020":true }"#).unwrap();
    let names: Vec<String> = object.members().map(|(n, _)| n.into_owned()).collect();
    assert_eq!(names, ["b", "a "]);
    let Some(Value::Array(items)) = object.get("b") else {
        panic!("b is an array")
    };
    let items: Vec<Value> = items.items().collect();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0], Value::Number("1"));
    assert_eq!(items[1].as_str().as_deref(), Some("x"));
    assert!(matches!(items[2], Value::Object(o) if o.get("c") == Some(Value::Null)));
    assert_eq!(object.get("a "), Some(Value::Bool(true)));
    assert_eq!(object.get("a"), None);
}

#[test]
fn values_describe_themselves_for_messages() {
    let describe = |text: &str| parse_value(text).unwrap().describe();
    assert_eq!(describe("7"), "the number 7");
    assert_eq!(describe("-1"), "the negative number -1");
    assert_eq!(describe("1.5"), "a fractional number");
    assert_eq!(describe("99999999999999999999"), "a fractional number");
    assert_eq!(describe("null"), "null");
    assert_eq!(describe("[]"), "an array");
    assert_eq!(describe(r#""a\"b""#), "the string \"a\\\"b\"");
    assert_eq!(
        describe(&format!("\"{}\"", "x".repeat(50))),
        format!("the string \"{}…\"", "x".repeat(40))
    );
}

#[test]
fn decimal_digits_without_formatting() {
    for n in [0, 7, 10, 1_767_225_600, u64::MAX] {
        assert_eq!(decimal(n), n.to_string());
    }
}

#[test]
fn object_writer_round_trips_through_the_scanner() {
    let text = ObjectWriter::new()
        .string("s", Some("x\"y"))
        .string("none", None)
        .number("n", Some(u64::MAX))
        .number("missing", None)
        .boolean("b", true)
        .strings("list", &["a", "b\"c"])
        .strings("empty", &[] as &[&str])
        .raw("raw", r#"{"k":[1]}"#)
        .finish();
    assert_eq!(
        text,
        r#"{"s":"x\"y","none":null,"n":18446744073709551615,"missing":null,"b":true,"list":["a","b\"c"],"empty":[],"raw":{"k":[1]}}"#
    );
    let object = parse_object(text.as_bytes()).unwrap();
    assert_eq!(object.required_string("s").as_deref(), Ok("x\"y"));
    assert_eq!(object.string("none"), Ok(None));
    assert_eq!(object.number("n"), Ok(Some(u64::MAX)));
    assert_eq!(object.boolean("b"), Ok(Some(true)));
    assert_eq!(object.strings("list"), Ok(Some(vec!["a".into(), "b\"c".into()])));
    assert_eq!(object.strings("empty"), Ok(Some(vec![])));
    assert_eq!(
        object.required_string("missing"),
        Err("missing is missing".into())
    );
    assert_eq!(object.number("s"), Err("s is not a non-negative integer".into()));
    assert_eq!(object.string("n"), Err("n is not a string".into()));
    assert_eq!(object.get("raw").map(Value::text), Some(r#"{"k":[1]}"#));
    assert_eq!(ObjectWriter::new().finish(), "{}");
}

mod against_serde_json {
    use super::super::*;
    use proptest::prelude::*;

    fn json_text() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("null".to_owned()),
            Just("true".to_owned()),
            Just("false".to_owned()),
            any::<i64>().prop_map(|n| n.to_string()),
            any::<u64>().prop_map(|n| n.to_string()),
            "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{1,20})?([eE][-+]?[0-9]{1,3})?",
            any::<String>().prop_map(|s| serde_json::to_string(&s).unwrap()),
            "\"([a-z]|\\\\[\"\\\\/bfnrt]|\\\\u00[0-7][0-9a-f]|\\\\ud83d\\\\ude00){0,8}\"",
        ];
        leaf.prop_recursive(5, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(|items| format!("[{}]", items.join(","))),
                prop::collection::vec(("[a-c]{1,2}", inner), 0..6).prop_map(|members| {
                    let body: Vec<String> = members.iter().map(|(k, v)| format!("\"{k}\" : {v}")).collect();
                    format!("{{ {} }}", body.join(" ,\n"))
                }),
            ]
        })
    }

    /// Our reading of a value, as a serde_json value (numbers read by serde_json from the text we kept).
    fn to_serde(value: Value) -> serde_json::Value {
        match value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(b),
            Value::Number(text) => serde_json::from_str(text).expect("a number serde_json reads"),
            Value::String(s) => serde_json::Value::String(s.value().into_owned()),
            Value::Array(a) => serde_json::Value::Array(a.items().map(to_serde).collect()),
            Value::Object(o) => {
                serde_json::Value::Object(o.members().map(|(k, v)| (k.into_owned(), to_serde(v))).collect())
            }
        }
    }

    proptest! {
        #[test]
        fn accepts_what_serde_json_accepts_and_reads_the_same_value(text in json_text()) {
            let ours = parse_value(&text);
            match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(theirs) => match ours {
                    Ok(ours) => prop_assert_eq!(to_serde(ours), theirs, "{}", text),
                    // serde_json takes the last of duplicate members; we refuse them.
                    Err(JsonError::DuplicateMember(_)) => {}
                    Err(JsonError::TooDeep) => prop_assert!(false, "too deep: {text}"),
                    Err(e) => prop_assert!(false, "{text}: {e}"),
                },
                Err(e) => prop_assert!(ours.is_err(), "{text} accepted, serde_json: {e}"),
            }
        }

        #[test]
        fn never_panics_and_agrees_on_validity_for_arbitrary_text(text in "[\\[\\]{}\",:0-9.eE+\\-a-z\\\\ ]{0,40}") {
            let ours = parse_value(&text);
            let theirs = serde_json::from_str::<serde_json::Value>(&text);
            match (&ours, &theirs) {
                (Err(JsonError::DuplicateMember(_) | JsonError::TooDeep), _) => {}
                _ => prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{}", text),
            }
        }
    }
}
