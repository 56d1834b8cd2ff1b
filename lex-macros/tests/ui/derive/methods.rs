// Method attributes that do not fit the kind of method.
use lex_runtime::Map;

#[derive(lex_macros::Lexicon)]
#[lexicon(id = "com.example.event")]
pub struct Event {
    pub seq: i64,
    pub extra: Map,
}

#[derive(lex_macros::Lexicon)]
#[lexicon(union)]
pub enum Message {
    Event(Box<Event>),
    Unknown(Map),
}

#[derive(lex_macros::Lexicon)]
#[lexicon(id = "com.example.getThing", query, message = Message)]
pub struct GetThing {
    pub cursor: Option<i64>,
}

#[derive(lex_macros::Lexicon)]
#[lexicon(id = "com.example.subscribeThings", subscription, message = Message, output = Event)]
pub struct SubscribeThings {
    pub cursor: Option<i64>,
}

#[derive(lex_macros::Lexicon)]
#[lexicon(id = "com.example.putThing", procedure, input = Event, input_encoding = "image/png")]
pub struct PutThing {}

#[derive(lex_macros::Lexicon)]
#[lexicon(id = "com.example.findThing", query, input_encoding = "*/*")]
pub struct FindThing {}

#[derive(lex_macros::Lexicon)]
#[lexicon(id = "com.example.thing", output = Event)]
pub struct Thing {
    pub extra: Map,
}

// A message that is not a union: the derive names the trait it lacks.
#[derive(lex_macros::Lexicon)]
#[lexicon(id = "com.example.subscribeEvents", subscription, message = Event)]
pub struct SubscribeEvents {
    pub cursor: Option<i64>,
}

fn main() {}
