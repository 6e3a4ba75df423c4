//! Located values and a serde `Deserializer` over [`Node`] trees.
//!
//! The model types are plain serde structs whose fields are [`Located<T>`]: the value (or why it is unknown)
//! plus where it was written ([`Loc`]: file, RFC 6901 JSON pointer, byte span). `Located<T>` gets its
//! location from this deserializer through a private struct name, the trick the `toml` crate uses for
//! `Spanned<T>`.
//!
//! Two key-matching modes:
//! - [`Mode::Manifest`]: keys must be the exact snake_case field names; an unknown key is an error with a
//!   "did you mean" suggestion (typo protection).
//! - [`Mode::Aws`]: AWS CLI JSON and CloudFormation `Properties`; a key matches a field when both are equal
//!   after removing `_` and lowercasing (`CallbackURLs` == `callback_urls`); unknown keys are skipped
//!   (AWS adds fields over time); scalars are coerced the way CloudFormation does (`"60"` is an integer).
//!
//! A CloudFormation intrinsic (a YAML tag, or a `{"Ref": ..}` / `{"Fn::...": ..}` map in AWS mode) or a node an
//! importer marked [`NodeKind::Unknown`] becomes [`Resolved::Unknown`] wherever a `Located<T>` is expected:
//! never an error.

use crate::node::{Key, Node, NodeKind, join_pointer};
use crate::source::{FileId, Span};
use crate::util::{eq_normalized, suggest};
use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Unexpected, Visitor,
};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::fmt;
use std::marker::PhantomData;
use std::rc::Rc;

/// Where a value is written: file, JSON pointer within that file's document, and byte span.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Loc {
    /// The file.
    #[serde(skip)]
    pub file: FileId,
    /// RFC 6901 pointer into the file's document, e.g. `/Resources/Client/Properties/CallbackURLs/0`.
    pub pointer: String,
    /// Byte span in the file.
    #[serde(skip)]
    pub span: Span,
}

impl Loc {
    /// A location.
    pub fn new(file: FileId, pointer: impl Into<String>, span: Span) -> Self {
        Loc {
            file,
            pointer: pointer.into(),
            span,
        }
    }

    /// The same place with `token` appended to the pointer (for a child that is missing: the finding points at
    /// the parent's span, the pointer names the missing member).
    pub fn child(&self, token: &str) -> Loc {
        Loc {
            file: self.file,
            pointer: join_pointer(&self.pointer, token),
            span: self.span,
        }
    }
}

/// A value that may be statically unknown (a CloudFormation `!GetAtt`, an unresolved `!Ref`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Resolved<T> {
    /// The value.
    Known(T),
    /// Not known before deployment; the text says why (e.g. `!GetAtt Pool.ProviderURL`).
    Unknown(String),
}

/// A value together with where it is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Located<T> {
    /// Where it is written.
    pub loc: Loc,
    /// The value, or why it is unknown.
    pub value: Resolved<T>,
}

impl<T> Located<T> {
    /// A known value at `loc`.
    pub fn known(loc: Loc, value: T) -> Self {
        Located {
            loc,
            value: Resolved::Known(value),
        }
    }

    /// An unknown value at `loc`.
    pub fn unknown(loc: Loc, why: impl Into<String>) -> Self {
        Located {
            loc,
            value: Resolved::Unknown(why.into()),
        }
    }

    /// The value when known.
    pub fn get(&self) -> Option<&T> {
        match &self.value {
            Resolved::Known(v) => Some(v),
            Resolved::Unknown(_) => None,
        }
    }

    /// Whether the value is unknown.
    pub fn is_unknown(&self) -> bool {
        matches!(self.value, Resolved::Unknown(_))
    }
}

impl Located<String> {
    /// The string when known.
    pub fn as_str(&self) -> Option<&str> {
        self.get().map(String::as_str)
    }
}

/// The known value of an optional located field.
pub fn known<T>(field: &Option<Located<T>>) -> Option<&T> {
    field.as_ref().and_then(Located::get)
}

/// The known string of an optional located string field.
pub fn known_str(field: &Option<Located<String>>) -> Option<&str> {
    field.as_ref().and_then(Located::as_str)
}

/// The items of an optional located list (empty when absent or unknown).
pub fn items<T>(field: &Option<Located<Vec<Located<T>>>>) -> &[Located<T>] {
    match field.as_ref().map(|l| &l.value) {
        Some(Resolved::Known(v)) => v,
        _ => &[],
    }
}

/// The known string items of an optional located string list.
pub fn known_strs(field: &Option<Located<Vec<Located<String>>>>) -> impl Iterator<Item = &str> {
    items(field).iter().filter_map(Located::as_str)
}

/// A string-keyed map whose keys and values keep their locations, in source order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct StrMap<V>(pub Vec<(Located<String>, Located<V>)>);

impl<V> StrMap<V> {
    /// The entry with key `key`.
    pub fn entry(&self, key: &str) -> Option<&(Located<String>, Located<V>)> {
        self.0.iter().find(|(k, _)| k.as_str() == Some(key))
    }

    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&Located<V>> {
        self.entry(key).map(|(_, v)| v)
    }

    /// Iterates over `(key, value)`.
    pub fn iter(&self) -> impl Iterator<Item = &(Located<String>, Located<V>)> {
        self.0.iter()
    }
}

/// How keys are matched to fields; see the module docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Our manifest: exact snake_case names, unknown keys are errors.
    Manifest,
    /// AWS CLI JSON / CloudFormation: normalised names, unknown keys ignored, scalars coerced.
    Aws,
}

/// A deserialization error, located at the innermost node that caused it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeError {
    /// What is wrong.
    pub message: String,
    /// Where (unset only for errors raised outside any node).
    pub at: Option<Loc>,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            message: msg.to_string(),
            at: None,
        }
    }
}

impl DeError {
    fn located(mut self, file: FileId, pointer: &str, span: Span) -> Self {
        if self.at.is_none() {
            self.at = Some(Loc::new(file, pointer, span));
        }
        self
    }
}

/// Deserializes `T` from `node` (written in `file` at `pointer`), strictly: the first value that cannot be read
/// is the error.
pub fn from_node<'a, T: Deserialize<'a>>(
    node: &'a Node,
    file: FileId,
    pointer: &str,
    mode: Mode,
) -> Result<T, DeError> {
    let mut errors = Vec::new();
    let value = from_node_recovering(node, file, pointer, mode, &mut errors)?;
    match errors.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(value),
    }
}

/// Deserializes `T` from `node`, reading past bad values: a located value that cannot be read (a wrong type, a
/// value outside its enum) is recorded in `errors` and becomes [`Resolved::Unknown`]; an unknown manifest key
/// is recorded and skipped. So one bad value hides nothing else of the file (issue 12). The result is an error
/// only when `T` itself cannot be built (a required field missing, the whole document of the wrong type).
pub fn from_node_recovering<'a, T: Deserialize<'a>>(
    node: &'a Node,
    file: FileId,
    pointer: &str,
    mode: Mode,
    errors: &mut Vec<DeError>,
) -> Result<T, DeError> {
    let sink = Rc::new(RefCell::new(Vec::new()));
    let result = T::deserialize(NodeDe {
        node,
        file,
        pointer: pointer.to_string(),
        mode,
        errors: Rc::clone(&sink),
    });
    errors.extend(sink.take());
    result
}

/// Whether a node is statically unknown in `mode`: a YAML tag, an importer's marker, or (AWS mode) a
/// CloudFormation long-form intrinsic map.
pub fn unknown_reason(node: &Node, mode: Mode) -> Option<String> {
    match &node.kind {
        NodeKind::Tagged(..) => Some(node.describe()),
        NodeKind::Unknown(why) => Some(why.clone()),
        NodeKind::Map(entries) if mode == Mode::Aws && is_intrinsic(entries) => Some(node.describe()),
        _ => None,
    }
}

/// `{"Ref": ..}`, `{"Fn::GetAtt": ..}`, `{"Condition": ..}` (single-key maps).
pub fn is_intrinsic(entries: &[(Key, Node)]) -> bool {
    match entries {
        [(k, _)] => k.text == "Ref" || k.text.starts_with("Fn::") || k.text == "Condition",
        _ => false,
    }
}

// The private struct name and fields through which `Located<T>` asks for its location.
const LOCATED: &str = "$__cogfed_private_Located";
const F_FILE: &str = "$__cogfed_file";
const F_POINTER: &str = "$__cogfed_pointer";
const F_START: &str = "$__cogfed_start";
const F_END: &str = "$__cogfed_end";
const F_VALUE: &str = "$__cogfed_value";
const F_UNKNOWN: &str = "$__cogfed_unknown";
const LOCATED_FIELDS: &[&str] = &[F_FILE, F_POINTER, F_START, F_END, F_VALUE, F_UNKNOWN];

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Located<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a located value (only the cogfed node deserializer can produce one)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Located<T>, A::Error> {
                let mut loc = Loc::default();
                let mut value = None;
                while let Some(key) = map.next_key::<&str>()? {
                    match key {
                        F_FILE => loc.file = FileId(map.next_value()?),
                        F_POINTER => loc.pointer = map.next_value()?,
                        F_START => loc.span.start = map.next_value::<u64>()? as usize,
                        F_END => loc.span.end = map.next_value::<u64>()? as usize,
                        // A value that cannot be read was recorded by the deserializer (see
                        // `from_node_recovering`); here it is unknown, and reading goes on.
                        F_VALUE => {
                            value = Some(match map.next_value() {
                                Ok(v) => Resolved::Known(v),
                                Err(e) => Resolved::Unknown(format!("invalid value: {e}")),
                            })
                        }
                        F_UNKNOWN => value = Some(Resolved::Unknown(map.next_value()?)),
                        _ => return Err(de::Error::unknown_field(key, LOCATED_FIELDS)),
                    }
                }
                let value = value.ok_or_else(|| de::Error::missing_field(F_VALUE))?;
                Ok(Located { loc, value })
            }
        }
        d.deserialize_struct(LOCATED, LOCATED_FIELDS, V(PhantomData))
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for StrMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Vis<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Vis<V> {
            type Value = StrMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of strings")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StrMap<V>, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = map.next_key()? {
                    out.push((k, map.next_value()?));
                }
                Ok(StrMap(out))
            }
        }
        d.deserialize_map(Vis(PhantomData))
    }
}

/// What a located value's payload comes from.
enum Payload<'a> {
    Node(NodeDe<'a>),
    Key(&'a str),
    Unknown(String),
}

/// Feeds `Located<T>`'s visitor: file, pointer, start, end, then the value (or the unknown reason).
struct LocatedAccess<'a> {
    loc: Loc,
    state: u8,
    payload: Option<Payload<'a>>,
    /// Where a value that cannot be read is recorded (the visitor then makes it unknown).
    errors: Option<Rc<RefCell<Vec<DeError>>>>,
}

impl<'de> MapAccess<'de> for LocatedAccess<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        let key = match self.state {
            0 => F_FILE,
            1 => F_POINTER,
            2 => F_START,
            3 => F_END,
            4 => match self.payload {
                Some(Payload::Unknown(_)) => F_UNKNOWN,
                Some(_) => F_VALUE,
                None => return Ok(None),
            },
            _ => return Ok(None),
        };
        seed.deserialize(de::value::BorrowedStrDeserializer::<DeError>::new(key))
            .map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, DeError> {
        let state = self.state;
        self.state += 1;
        match state {
            0 => seed.deserialize(self.loc.file.0.into_deserializer()),
            1 => seed.deserialize(std::mem::take(&mut self.loc.pointer).into_deserializer()),
            2 => seed.deserialize((self.loc.span.start as u64).into_deserializer()),
            3 => seed.deserialize((self.loc.span.end as u64).into_deserializer()),
            _ => match self.payload.take() {
                Some(Payload::Node(de)) => {
                    let (file, pointer, span) = (de.file, de.pointer.clone(), de.node.span);
                    seed.deserialize(de).inspect_err(|e| {
                        if let Some(errors) = &self.errors {
                            errors.borrow_mut().push(e.clone().located(file, &pointer, span));
                        }
                    })
                }
                Some(Payload::Key(k)) => seed.deserialize(KeyDe { key: k }),
                Some(Payload::Unknown(why)) => seed.deserialize(why.into_deserializer()),
                None => Err(de::Error::custom("located value read twice")),
            },
        }
    }
}

/// The deserializer over one node.
pub struct NodeDe<'a> {
    node: &'a Node,
    file: FileId,
    pointer: String,
    mode: Mode,
    errors: Rc<RefCell<Vec<DeError>>>,
}

impl<'a> NodeDe<'a> {
    fn child(&self, node: &'a Node, token: &str) -> NodeDe<'a> {
        NodeDe {
            node,
            file: self.file,
            pointer: join_pointer(&self.pointer, token),
            mode: self.mode,
            errors: Rc::clone(&self.errors),
        }
    }

    fn err(&self, e: DeError) -> DeError {
        e.located(self.file, &self.pointer, self.node.span)
    }

    fn unexpected(&self) -> Unexpected<'a> {
        match &self.node.kind {
            NodeKind::Null => Unexpected::Unit,
            NodeKind::Bool(b) => Unexpected::Bool(*b),
            NodeKind::Number(n) => match n.parse::<i64>() {
                Ok(i) => Unexpected::Signed(i),
                Err(_) => Unexpected::Other("a number"),
            },
            NodeKind::String(s) => Unexpected::Str(s),
            NodeKind::Seq(_) => Unexpected::Seq,
            NodeKind::Map(_) => Unexpected::Map,
            NodeKind::Tagged(..) | NodeKind::Unknown(_) => {
                Unexpected::Other("a value that is unknown before deployment")
            }
        }
    }

    fn invalid<V: Visitor<'a>>(&self, visitor: &V) -> DeError {
        self.err(de::Error::invalid_type(self.unexpected(), visitor))
    }

    fn integer<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        let text = match &self.node.kind {
            NodeKind::Number(n) => Some(n.as_str()),
            NodeKind::String(s) if self.mode == Mode::Aws => Some(s.trim()),
            _ => None,
        };
        let Some(text) = text else {
            return Err(self.invalid(&visitor));
        };
        let r = if let Ok(i) = text.parse::<i64>() {
            visitor.visit_i64(i)
        } else if let Ok(u) = text.parse::<u64>() {
            visitor.visit_u64(u)
        } else if text.bytes().all(|b| b.is_ascii_digit() || b == b'-' || b == b'+') && !text.is_empty() {
            Err(de::Error::custom(format!("integer `{text}` is out of range")))
        } else {
            Err(de::Error::invalid_type(self.unexpected(), &visitor))
        };
        r.map_err(|e| self.err(e))
    }
}

macro_rules! forward_integer {
    ($($m:ident)*) => {$(
        fn $m<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> { self.integer(visitor) }
    )*};
}

impl<'a> Deserializer<'a> for NodeDe<'a> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match &self.node.kind {
            NodeKind::Null => visitor.visit_unit(),
            NodeKind::Bool(b) => visitor.visit_bool(*b),
            NodeKind::Number(n) => {
                if let Ok(i) = n.parse::<i64>() {
                    visitor.visit_i64(i)
                } else if let Ok(u) = n.parse::<u64>() {
                    visitor.visit_u64(u)
                } else if let Ok(f) = n.parse::<f64>() {
                    visitor.visit_f64(f)
                } else {
                    visitor.visit_str(n)
                }
            }
            NodeKind::String(s) => visitor.visit_borrowed_str(s),
            NodeKind::Seq(_) => return self.deserialize_seq(visitor),
            NodeKind::Map(_) => return self.deserialize_map(visitor),
            NodeKind::Tagged(..) | NodeKind::Unknown(_) => visitor.visit_string(self.node.describe()),
        };
        r.map_err(|e| self.err(e))
    }

    fn deserialize_bool<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match &self.node.kind {
            NodeKind::Bool(b) => visitor.visit_bool(*b),
            NodeKind::String(s) if self.mode == Mode::Aws && s.eq_ignore_ascii_case("true") => {
                visitor.visit_bool(true)
            }
            NodeKind::String(s) if self.mode == Mode::Aws && s.eq_ignore_ascii_case("false") => {
                visitor.visit_bool(false)
            }
            _ => return Err(self.invalid(&visitor)),
        };
        r.map_err(|e| self.err(e))
    }

    forward_integer!(deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128);

    fn deserialize_f32<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        let text = match &self.node.kind {
            NodeKind::Number(n) => n.as_str(),
            NodeKind::String(s) if self.mode == Mode::Aws => s.trim(),
            _ => return Err(self.invalid(&visitor)),
        };
        let r = match text.parse::<f64>() {
            Ok(f) => visitor.visit_f64(f),
            Err(_) => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
        };
        r.map_err(|e| self.err(e))
    }

    fn deserialize_char<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match &self.node.kind {
            NodeKind::String(s) => visitor.visit_borrowed_str(s),
            NodeKind::Number(n) if self.mode == Mode::Aws => visitor.visit_borrowed_str(n),
            NodeKind::Bool(b) if self.mode == Mode::Aws => {
                visitor.visit_str(if *b { "true" } else { "false" })
            }
            _ => return Err(self.invalid(&visitor)),
        };
        r.map_err(|e| self.err(e))
    }

    fn deserialize_string<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        Err(self.invalid(&visitor))
    }

    fn deserialize_byte_buf<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        Err(self.invalid(&visitor))
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match &self.node.kind {
            NodeKind::Null => visitor.visit_none(),
            _ => return visitor.visit_some(self),
        };
        r.map_err(|e| self.err(e))
    }

    fn deserialize_unit<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            NodeKind::Null => visitor.visit_unit().map_err(|e| self.err(e)),
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            NodeKind::Seq(items) => {
                let access = SeqDe {
                    parent: &self,
                    items: items.iter(),
                    index: 0,
                };
                visitor.visit_seq(access).map_err(|e| self.err(e))
            }
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'a>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            NodeKind::Map(entries) => {
                let access = MapDe {
                    parent: &self,
                    entries: entries.iter(),
                    value: None,
                };
                visitor.visit_map(access).map_err(|e| self.err(e))
            }
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == LOCATED {
            let loc = Loc::new(self.file, self.pointer.clone(), self.node.span);
            let payload = match unknown_reason(self.node, self.mode) {
                Some(why) => Payload::Unknown(why),
                None => Payload::Node(NodeDe {
                    node: self.node,
                    file: self.file,
                    pointer: self.pointer.clone(),
                    mode: self.mode,
                    errors: Rc::clone(&self.errors),
                }),
            };
            return visitor
                .visit_map(LocatedAccess {
                    loc,
                    state: 0,
                    payload: Some(payload),
                    errors: Some(Rc::clone(&self.errors)),
                })
                .map_err(|e| self.err(e));
        }
        match &self.node.kind {
            NodeKind::Map(entries) => {
                let access = StructDe {
                    parent: &self,
                    entries: entries.iter(),
                    fields,
                    value: None,
                };
                visitor.visit_map(access).map_err(|e| self.err(e))
            }
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.node.kind {
            NodeKind::String(s) => visitor
                .visit_enum(s.as_str().into_deserializer())
                .map_err(|e| self.err(e)),
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_identifier<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

struct SeqDe<'p, 'a> {
    parent: &'p NodeDe<'a>,
    items: std::slice::Iter<'a, Node>,
    index: usize,
}

impl<'a> SeqAccess<'a> for SeqDe<'_, 'a> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'a>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            Some(node) => {
                let child = self.parent.child(node, &self.index.to_string());
                self.index += 1;
                seed.deserialize(child).map(Some)
            }
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// A map read as a map (`StrMap`, `HashMap`, `serde_json::Value`): keys can be `Located<String>`.
struct MapDe<'p, 'a> {
    parent: &'p NodeDe<'a>,
    entries: std::slice::Iter<'a, (Key, Node)>,
    value: Option<(&'a Key, &'a Node)>,
}

impl<'a> MapAccess<'a> for MapDe<'_, 'a> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'a>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        match self.entries.next() {
            Some((k, v)) => {
                self.value = Some((k, v));
                let pointer = join_pointer(&self.parent.pointer, &k.text);
                let loc = Loc::new(self.parent.file, pointer, k.span);
                seed.deserialize(LocatedKeyDe { key: k, loc }).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'a>>(&mut self, seed: S) -> Result<S::Value, DeError> {
        match self.value.take() {
            Some((k, v)) => seed.deserialize(self.parent.child(v, &k.text)),
            None => Err(de::Error::custom("map value without a key")),
        }
    }
}

/// A map read as a struct: keys matched to `fields` by [`Mode`].
struct StructDe<'p, 'a> {
    parent: &'p NodeDe<'a>,
    entries: std::slice::Iter<'a, (Key, Node)>,
    fields: &'static [&'static str],
    value: Option<(&'a Key, &'a Node)>,
}

impl<'a> MapAccess<'a> for StructDe<'_, 'a> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'a>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        for (k, v) in self.entries.by_ref() {
            let field = match self.parent.mode {
                Mode::Manifest => self.fields.iter().find(|f| **f == k.text),
                Mode::Aws => self.fields.iter().find(|f| eq_normalized(f, &k.text)),
            };
            match field {
                Some(f) => {
                    self.value = Some((k, v));
                    return seed.deserialize(KeyDe { key: f }).map(Some);
                }
                None if self.parent.mode == Mode::Manifest => {
                    let hint = match suggest(&k.text, self.fields.iter().copied()) {
                        Some(s) => format!("; did you mean `{s}`?"),
                        None => format!("; expected one of: {}", self.fields.join(", ")),
                    };
                    // Recorded and skipped: a typo in one key hides nothing else of the file.
                    let pointer = join_pointer(&self.parent.pointer, &k.text);
                    self.parent.errors.borrow_mut().push(DeError {
                        message: format!("unknown key `{}`{hint}", k.text),
                        at: Some(Loc::new(self.parent.file, pointer, k.span)),
                    });
                    continue;
                }
                None => continue,
            }
        }
        Ok(None)
    }

    fn next_value_seed<S: DeserializeSeed<'a>>(&mut self, seed: S) -> Result<S::Value, DeError> {
        match self.value.take() {
            Some((k, v)) => seed.deserialize(self.parent.child(v, &k.text)),
            None => Err(de::Error::custom("struct value without a key")),
        }
    }
}

/// A plain string key (a matched field name, or a map key's text).
struct KeyDe<'de> {
    key: &'de str,
}

impl<'de> Deserializer<'de> for KeyDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_borrowed_str(self.key)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _n: &'static str,
        _v: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_enum(self.key.into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit unit_struct
        newtype_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// A map key that can also be deserialized as `Located<String>` (span of the key itself).
struct LocatedKeyDe<'de> {
    key: &'de Key,
    loc: Loc,
}

impl<'de> Deserializer<'de> for LocatedKeyDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_borrowed_str(&self.key.text)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == LOCATED {
            visitor.visit_map(LocatedAccess {
                loc: self.loc,
                state: 0,
                payload: Some(Payload::Key(&self.key.text)),
                errors: None,
            })
        } else {
            visitor.visit_borrowed_str(&self.key.text)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _n: &'static str,
        _v: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_enum(self.key.text.as_str().into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit unit_struct
        newtype_struct seq tuple tuple_struct map identifier ignored_any
    }
}

#[cfg(feature = "schema")]
mod schema {
    use super::{Located, StrMap};
    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
    use std::borrow::Cow;

    impl<T: JsonSchema> JsonSchema for Located<T> {
        fn inline_schema() -> bool {
            T::inline_schema()
        }
        fn schema_name() -> Cow<'static, str> {
            T::schema_name()
        }
        fn schema_id() -> Cow<'static, str> {
            T::schema_id()
        }
        fn json_schema(generator: &mut SchemaGenerator) -> Schema {
            T::json_schema(generator)
        }
    }

    impl<V: JsonSchema> JsonSchema for StrMap<V> {
        fn inline_schema() -> bool {
            true
        }
        fn schema_name() -> Cow<'static, str> {
            format!("Map_of_{}", V::schema_name()).into()
        }
        fn json_schema(generator: &mut SchemaGenerator) -> Schema {
            json_schema!({ "type": "object", "additionalProperties": generator.subschema_for::<V>() })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{parse_json, parse_toml, parse_yaml};

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Client {
        client_name: Option<Located<String>>,
        callback_urls: Option<Located<Vec<Located<String>>>>,
        allowed_oauth_flows_user_pool_client: Option<Located<bool>>,
        access_token_validity: Option<Located<u32>>,
        provider_details: Option<Located<StrMap<String>>>,
    }

    #[test]
    fn aws_mode_matches_normalised_names_and_ignores_unknown_keys() {
        let text = r#"{"ClientName": "web", "CallbackURLs": ["https://a/cb"], "AllowedOAuthFlowsUserPoolClient": "true",
                       "AccessTokenValidity": "60", "LastModifiedDate": 1.5, "ProviderDetails": {"client_id": "x"}}"#;
        let node = parse_json(text).unwrap();
        let c: Client = from_node(&node, FileId(0), "/UserPoolClient", Mode::Aws).unwrap();
        let first = &items(&c.callback_urls)[0];
        assert_eq!(first.as_str(), Some("https://a/cb"));
        assert_eq!(first.loc.pointer, "/UserPoolClient/CallbackURLs/0");
        assert_eq!(
            &text[first.loc.span.start..first.loc.span.end],
            "\"https://a/cb\""
        );
        assert_eq!(known(&c.allowed_oauth_flows_user_pool_client), Some(&true));
        assert_eq!(known(&c.access_token_validity), Some(&60));
        assert_eq!(known_str(&c.client_name), Some("web"));
        let details = c.provider_details.unwrap();
        let (k, v) = &details.get().unwrap().0[0];
        assert_eq!(k.as_str(), Some("client_id"));
        assert_eq!(&text[k.loc.span.start..k.loc.span.end], "\"client_id\"");
        assert_eq!(v.loc.pointer, "/UserPoolClient/ProviderDetails/client_id");
    }

    #[test]
    fn manifest_mode_rejects_unknown_keys_with_a_suggestion() {
        let text = "client_name = \"web\"\ncalback_urls = [\"x\"]\n";
        let node = parse_toml(text).unwrap();
        let e = from_node::<Client>(&node, FileId(0), "", Mode::Manifest).unwrap_err();
        assert!(
            e.message
                .contains("unknown key `calback_urls`; did you mean `callback_urls`?"),
            "{e:?}"
        );
        let at = e.at.unwrap();
        assert_eq!(at.pointer, "/calback_urls");
        assert_eq!(&text[at.span.start..at.span.end], "calback_urls");
    }

    #[test]
    fn type_errors_point_at_the_value() {
        let text = "client_name = \"web\"\naccess_token_validity = \"sixty\"\n";
        let node = parse_toml(text).unwrap();
        let e = from_node::<Client>(&node, FileId(0), "", Mode::Manifest).unwrap_err();
        assert!(e.message.contains("invalid type: string \"sixty\""), "{e:?}");
        let at = e.at.unwrap();
        assert_eq!(at.pointer, "/access_token_validity");
        assert_eq!(&text[at.span.start..at.span.end], "\"sixty\"");
        // Out of range for u32: an error at the value, not a wrap-around.
        let node = parse_toml("access_token_validity = -1\n").unwrap();
        let e = from_node::<Client>(&node, FileId(0), "", Mode::Manifest).unwrap_err();
        assert_eq!(e.at.unwrap().pointer, "/access_token_validity");
    }

    /// Issue 12: a bad value is reported where it is and left unknown; its siblings are still read.
    #[test]
    fn recovering_reads_past_bad_values_and_records_each() {
        let text = "client_name = \"web\"\ncalback_urls = [\"x\"]\naccess_token_validity = \"sixty\"\ncallback_urls = [\"https://a/cb\", 7]\n";
        let node = parse_toml(text).unwrap();
        let mut errors = Vec::new();
        let c: Client = from_node_recovering(&node, FileId(0), "", Mode::Manifest, &mut errors).unwrap();
        let at: Vec<&str> = errors
            .iter()
            .map(|e| e.at.as_ref().unwrap().pointer.as_str())
            .collect();
        assert_eq!(
            at,
            ["/calback_urls", "/access_token_validity", "/callback_urls/1"]
        );
        assert_eq!(known_str(&c.client_name), Some("web"));
        assert!(c.access_token_validity.unwrap().is_unknown());
        let urls = items(&c.callback_urls);
        assert_eq!(urls[0].as_str(), Some("https://a/cb"));
        assert!(urls[1].is_unknown());
    }

    #[test]
    fn intrinsics_are_unknown_not_errors() {
        let text = "CallbackURLs:\n  - !Sub 'https://${Domain}/cb'\n  - https://ok/cb\nClientName: !GetAtt Pool.Name\nAccessTokenValidity: {\"Fn::If\": [c, 1, 2]}\n";
        let node = parse_yaml(text).unwrap();
        let c: Client = from_node(&node, FileId(0), "", Mode::Aws).unwrap();
        let urls = items(&c.callback_urls);
        assert_eq!(
            urls[0].value,
            Resolved::Unknown("!Sub https://${Domain}/cb".into())
        );
        assert_eq!(urls[1].as_str(), Some("https://ok/cb"));
        assert!(c.client_name.unwrap().is_unknown());
        assert!(c.access_token_validity.unwrap().is_unknown());
    }
}
