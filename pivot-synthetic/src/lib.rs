//! Synthetic documentation pages for scale tests and benchmarks.
//!
//! Pivot publishes about a hundred pages; measuring how generation grows, or
//! whether five hundred modules still compile, needs more. These pages follow
//! the plain-text layout of the real ones (see the crate's page module): nested
//! objects, arrays of objects, enums listed in descriptions, long descriptions,
//! tables with and without a header row, header tables, list and callback and
//! object pages. They are clean: every page generates without a diagnostic,
//! and every example reads back into its models.
//!
//! Everything follows from a seed, so every run, machine and benchmark sees the
//! same bytes, and page `i` is the same whatever the number of pages asked for.

use pivot_codegen::Source;

/// SplitMix64: small, seedable and identical on every platform, which is all
/// a page generator needs from randomness.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// How a string member's example values look.
#[derive(Debug, Clone, Copy)]
enum Text {
    Uuid,
    Digits,
    PersonName,
    Email,
    Url,
    Phrase,
    Currency,
}

#[derive(Debug, Clone)]
enum Node {
    Text(Text),
    /// A string whose description lists its values.
    Code(&'static [&'static str]),
    Int,
    /// A decimal amount written as a string (`"10000.00"`), as many pages do.
    DecimalString,
    Float,
    Bool,
    Timestamp {
        nullable: bool,
    },
    Object(Vec<Member>),
    /// An array of objects.
    List(Vec<Member>),
    Tags,
    /// A free-form object (`metadata`).
    FreeForm,
}

#[derive(Debug, Clone)]
struct Member {
    key: String,
    node: Node,
    mandatory: bool,
    /// Whether the field table has a row for it (pages never document all).
    documented: bool,
    /// The object page its row links (`refund-object`).
    link: Option<String>,
}

const RESOURCES: &[&str] = &[
    "payment",
    "refund",
    "payout",
    "transfer",
    "charge",
    "invoice",
    "settlement",
    "beneficiary",
    "sender",
    "withdrawal",
    "subscription",
    "dispute",
    "wallet",
    "voucher",
    "mandate",
    "customer",
];

const QUALIFIERS: &[&str] = &[
    "",
    "",
    "",
    "merchant",
    "customer",
    "billing",
    "source",
    "target",
    "original",
    "settlement",
    "partner",
    "external",
];

const TEXT_BASES: &[(&str, Text)] = &[
    ("reference", Text::Digits),
    ("referenceId", Text::Digits),
    ("id", Text::Uuid),
    ("name", Text::PersonName),
    ("email", Text::Email),
    ("callbackUrl", Text::Url),
    ("returnUrl", Text::Url),
    ("description", Text::Phrase),
    ("remark", Text::Phrase),
    ("phoneNumber", Text::Digits),
    ("accountNumber", Text::Digits),
    ("accountName", Text::PersonName),
    ("currency", Text::Currency),
];

const INT_KEYS: &[&str] = &[
    "quantity",
    "attempts",
    "sequence",
    "retryCount",
    "tenor",
    "itemCount",
];
const BOOL_KEYS: &[&str] = &[
    "isCaptured",
    "isActive",
    "autoConfirm",
    "isFullAmount",
    "isTest",
];
const TIME_KEYS: &[&str] = &["createdAt", "updatedAt", "expiryAt", "paidAt", "settledAt"];
const FLOAT_KEYS: &[&str] = &["rate", "feePercentage", "exchangeRate"];

const STATUSES: &[&str] = &["PENDING", "PAID", "FAILED", "EXPIRED", "CANCELLED"];

const CODE_SETS: &[(&str, &[&str])] = &[
    ("status", STATUSES),
    ("method", &["AUTO", "MANUAL", "TRANSFER_ONLY"]),
    (
        "channel",
        &["BCA", "BNI", "BRI", "MANDIRI", "PERMATA", "CIMB"],
    ),
    (
        "type",
        &["VIRTUAL_ACCOUNT", "CARD", "EWALLET", "QRIS", "DIRECT_DEBIT"],
    ),
    ("mode", &["REDIRECT", "API"]),
    (
        "reason",
        &["REQUESTED_BY_CUSTOMER", "DUPLICATE", "FRAUDULENT", "OTHERS"],
    ),
    ("destinationType", &["CHANNEL", "ACCOUNT"]),
];

const EVENT_TYPES: &[&str] = &["PAYMENT.PAID", "PAYMENT.EXPIRED", "REFUND.SUCCESS"];

const OBJECT_KEYS: &[&str] = &[
    "customer",
    "transferDestination",
    "channelInformation",
    "billingInfo",
    "shippingInfo",
    "paymentMethod",
    "riskProfile",
    "address",
    "bankAccount",
    "fee",
];

const LIST_KEYS: &[&str] = &[
    "items",
    "chargeDetails",
    "productDetails",
    "splitRoutings",
    "installments",
    "attachments",
    "histories",
];

const FIRST_NAMES: &[&str] = &[
    "Reforza", "Ayu", "Budi", "Citra", "Dewi", "Eko", "Fajar", "Gita", "Hadi", "Indah",
];
const LAST_NAMES: &[&str] = &[
    "Geotama", "Santoso", "Wijaya", "Pratama", "Lestari", "Saputra", "Halim", "Kusuma",
];
const WORDS: &[&str] = &[
    "payment",
    "session",
    "merchant",
    "customer",
    "settlement",
    "balance",
    "account",
    "channel",
    "request",
    "transaction",
    "invoice",
    "order",
    "bank",
    "transfer",
    "amount",
    "reference",
    "status",
    "callback",
    "partner",
    "product",
    "service",
    "period",
    "limit",
    "schedule",
];

/// Made-up sentences for descriptions. None starts with a type word (a line
/// such as `Number of ...` could be read as a type cell) or is one word.
const SENTENCES: &[&str] = &[
    "Identifier assigned by Pivot when the resource is created.",
    "Set by the merchant and echoed back in every callback for reconciliation.",
    "This value is shown to the customer on the hosted payment page and on the receipt.",
    "Required when the merchant operates more than one outlet under a single account.",
    "Pivot validates this against the merchant configuration before accepting the request.",
    "Must be unique per merchant; a repeated value is rejected with error code 4009.",
    "Shown on the customer's bank statement where the channel supports custom descriptors.",
    "If omitted, the merchant's default configured in the dashboard is used instead.",
    "Expressed in the smallest unit of the currency, without separators.",
    "Time in UTC with format YYYY-MM-DDTHH:MM:SSZ.",
    "Populated only after the transaction reaches a final state.",
    "Kept for 90 days after the session expires and then removed from our systems.",
];

const LONG_SENTENCE: &str = "Please note that this field is validated together with the other fields of the same object, so a request that fills it in while leaving the related fields empty is rejected, and the merchant receives an error response that names every field that failed validation, in the order they appear in the request.";

/// Every this many pages, one is an object page, for as long as resources
/// without one are left: each resource has at most one, as on Pivot's site.
const OBJECT_EVERY: usize = 7;

/// Generates page `index` of the synthetic set made from `seed`.
pub fn page(seed: u64, index: usize) -> Source {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0xA24B_AED4_963E_E407));
    let kind = rng.pick(&[
        Kind::Create,
        Kind::Create,
        Kind::Retrieve,
        Kind::List,
        Kind::Update,
        Kind::Callback,
    ]);
    let mut resource = rng.pick(RESOURCES);
    let object = index
        .is_multiple_of(OBJECT_EVERY)
        .then(|| RESOURCES.get(index / OBJECT_EVERY))
        .flatten();
    let kind = match object {
        Some(noun) => {
            resource = noun;
            Kind::Object
        }
        None => kind,
    };
    let stem = format!("synthetic_{index:04}_{}_{resource}", kind.verb());
    write_page(seed, &mut rng, kind, resource, stem)
}

/// The first `count` pages of the synthetic set made from `seed`.
pub fn pages(seed: u64, count: usize) -> Vec<Source> {
    (0..count).map(|i| page(seed, i)).collect()
}

/// A list page and a wire response for it of at least `min_bytes` (compact
/// JSON, as an API sends it), whose items follow the page's schema with
/// varied values: the load for runtime benchmarks.
pub fn large_list(seed: u64, min_bytes: usize) -> (Source, String) {
    let mut rng = Rng::new(seed);
    let resource = rng.pick(RESOURCES);
    let schema = resource_members(seed, resource);
    let source = write_list_page(&mut rng, resource, &schema, "large_list".to_string());
    let mut out = String::with_capacity(min_bytes + 4096);
    out.push_str(r#"{"code":"00","message":"Success","data":["#);
    let mut count = 0;
    while out.len() < min_bytes {
        if count > 0 {
            out.push(',');
        }
        render_object(&mut rng, &schema, Render::Wire, &mut out);
        count += 1;
    }
    out.push_str(r#"],"pagination":{"page":1,"perPage":"#);
    out.push_str(&format!(
        r#"{count},"totalItems":{count},"totalPages":1}}}}"#
    ));
    (source, out)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Create,
    Retrieve,
    List,
    Update,
    Callback,
    Object,
}

impl Kind {
    fn verb(self) -> &'static str {
        match self {
            Kind::Create => "create",
            Kind::Retrieve => "retrieve",
            Kind::List => "list",
            Kind::Update => "update",
            Kind::Callback => "callback",
            Kind::Object => "object",
        }
    }
}

fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

fn camel(qualifier: &str, base: &str) -> String {
    if qualifier.is_empty() {
        base.to_string()
    } else {
        format!("{qualifier}{}", title_case(base))
    }
}

fn write_page(seed: u64, rng: &mut Rng, kind: Kind, resource: &str, stem: String) -> Source {
    let schema = resource_members(seed, resource);
    let noun = title_case(resource);
    let plural = format!("{resource}s");
    let mut text = String::new();
    let version = rng.range(1, 2);
    match kind {
        Kind::Create | Kind::Update => {
            let (verb, method, path) = if kind == Kind::Create {
                ("Create", "POST", format!("/v{version}/{plural}"))
            } else {
                let method = rng.pick(&["PUT", "PATCH"]);
                ("Update", method, format!("/v{version}/{plural}/{{id}}"))
            };
            preamble(
                rng,
                &mut text,
                &format!("{verb} {noun}"),
                Some(method),
                &path,
            );
            let request = request_members(rng);
            body(rng, &mut text, "Request", &request, None);
            body(
                rng,
                &mut text,
                "Response",
                &envelope(schema, resource),
                None,
            );
        }
        Kind::Retrieve => {
            let path = format!(
                "/v{version}/{plural}/{}",
                rng.pick(&["{id}", ":id", ":{uuid}"])
            );
            preamble(
                rng,
                &mut text,
                &format!("Retrieve {noun}"),
                Some("GET"),
                &path,
            );
            body(
                rng,
                &mut text,
                "Response",
                &envelope(schema, resource),
                None,
            );
        }
        Kind::Callback => {
            text.push_str(&format!(
                "{noun} Callback\nPivot sends this notification when the {resource} changes state.\nPOST\n(merchant callback URL)\nRequest\n"
            ));
            let event = Member {
                key: "eventType".into(),
                node: Node::Code(EVENT_TYPES),
                mandatory: true,
                documented: true,
                link: None,
            };
            let data = linking(object_member("data", schema, true), resource);
            body(rng, &mut text, "Request", &[event, data], None);
        }
        Kind::List => return write_list_page(rng, resource, &schema, stem),
        Kind::Object => {
            text.push_str(&format!("{noun} Object\n"));
            let heading = format!("Detail {noun} Object");
            body(rng, &mut text, "Response", &schema, Some(&heading));
        }
    }
    text.push_str("Last updated\n");
    Source {
        display_path: format!("spec/{stem}.txt"),
        stem,
        text,
    }
}

fn write_list_page(rng: &mut Rng, resource: &str, schema: &[Member], stem: String) -> Source {
    let mut text = String::new();
    let path = format!("/v1/{resource}s?page={{page}}&perPage={{perPage}}");
    preamble(
        rng,
        &mut text,
        &format!("Retrieve list of {}", title_case(resource)),
        Some("GET"),
        &path,
    );
    let pagination = ["page", "perPage", "totalItems", "totalPages"]
        .iter()
        .map(|key| leaf(key, Node::Int, true))
        .collect();
    let members = vec![
        leaf("code", Node::Text(Text::Digits), true),
        leaf("message", Node::Text(Text::Phrase), true),
        linking(
            Member {
                key: "data".into(),
                node: Node::List(schema.to_vec()),
                mandatory: true,
                documented: true,
                link: None,
            },
            resource,
        ),
        object_member("pagination", pagination, true),
    ];
    body(rng, &mut text, "Response", &members, None);
    text.push_str("Last updated\n");
    Source {
        display_path: format!("spec/{stem}.txt"),
        stem,
        text,
    }
}

fn leaf(key: &str, node: Node, mandatory: bool) -> Member {
    Member {
        key: key.into(),
        node,
        mandatory,
        documented: true,
        link: None,
    }
}

fn object_member(key: &str, members: Vec<Member>, mandatory: bool) -> Member {
    Member {
        key: key.into(),
        node: Node::Object(members),
        mandatory,
        documented: true,
        link: None,
    }
}

/// `code`, `message`, and `data`: the resource, whose row links its object page.
fn envelope(data: Vec<Member>, resource: &str) -> Vec<Member> {
    vec![
        leaf("code", Node::Text(Text::Digits), true),
        leaf("message", Node::Text(Text::Phrase), true),
        linking(object_member("data", data, true), resource),
    ]
}

/// `member`, its row linking the object page of `resource`.
fn linking(member: Member, resource: &str) -> Member {
    Member {
        link: Some(format!("{resource}-object")),
        ..member
    }
}

/// Title, summary, method, URL and, on some pages, a header table.
fn preamble(rng: &mut Rng, text: &mut String, title: &str, method: Option<&str>, path: &str) {
    text.push_str(title);
    text.push('\n');
    if rng.chance(60) {
        text.push_str(&format!("Purpose: {}\n", rng.pick(SENTENCES)));
    }
    if let Some(method) = method {
        text.push_str(method);
        text.push('\n');
    }
    let base = rng.pick(&["[BASE_URL]", "[BASE URL]"]);
    text.push_str(&format!("{base}{path}\n"));
    text.push_str("Request\n");
    if rng.chance(50) {
        text.push_str(concat!(
            "Request Header\nHeader\nRequirement\nDescription\n",
            "Content-Type\nMandatory\napplication/json\n",
            "Authorization\nMandatory\nBearer access token from the Access Token endpoint\n",
            "X-REQUEST-ID\nMandatory\nUnique identifier of the request, in UUID format\n",
        ));
    }
}

/// The members of a resource: the fields every Pivot resource has, then a
/// random mix of scalars, enums, nested objects and arrays. The same on
/// every page of the resource, as the object page documents it.
fn resource_members(seed: u64, resource: &str) -> Vec<Member> {
    let hash = resource.bytes().fold(0xCBF2_9CE4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)
    });
    let rng = &mut Rng::new(seed ^ hash);
    let mut members = vec![
        leaf("id", Node::Text(Text::Uuid), true),
        leaf("clientReferenceId", Node::Text(Text::Digits), true),
        amount("amount"),
        leaf("status", Node::Code(STATUSES), true),
    ];
    let extra = rng.range(5, 9);
    add_random_members(rng, &mut members, extra, 0, Nested::Resource);
    push_new(
        &mut members,
        leaf("createdAt", Node::Timestamp { nullable: false }, true),
    );
    push_new(
        &mut members,
        leaf("updatedAt", Node::Timestamp { nullable: false }, true),
    );
    if rng.chance(50) {
        push_new(&mut members, leaf("metadata", Node::FreeForm, false));
    }
    members
}

fn request_members(rng: &mut Rng) -> Vec<Member> {
    let mut members = vec![
        leaf("clientReferenceId", Node::Text(Text::Digits), true),
        amount("amount"),
    ];
    let extra = rng.range(3, 8);
    add_random_members(rng, &mut members, extra, 1, Nested::Request);
    members
}

fn amount(key: &str) -> Member {
    leaf(key, amount_node(), true)
}

fn amount_node() -> Node {
    Node::Object(vec![
        leaf("value", Node::DecimalString, true),
        leaf("currency", Node::Text(Text::Currency), true),
    ])
}

/// Where nested objects are: a resource's and a request's are named from
/// different keys, since a page reads objects of one name as one type, and
/// a request's made-up objects merged into a resource's would not be the
/// resource's object page's.
#[derive(Debug, Clone, Copy)]
enum Nested {
    Resource,
    Request,
}

impl Nested {
    fn object_key(self, rng: &mut Rng) -> String {
        let key = rng.pick(OBJECT_KEYS);
        match self {
            Nested::Resource => key.to_string(),
            Nested::Request => camel("new", key),
        }
    }

    fn list_key(self, rng: &mut Rng) -> String {
        let key = rng.pick(LIST_KEYS);
        match self {
            Nested::Resource => key.to_string(),
            Nested::Request => camel("new", key),
        }
    }
}

fn add_random_members(
    rng: &mut Rng,
    members: &mut Vec<Member>,
    count: usize,
    depth: usize,
    nested: Nested,
) {
    let target = members.len() + count;
    let mut tries = 0;
    while members.len() < target && tries < count * 4 {
        tries += 1;
        push_new(members, random_member(rng, depth, nested));
    }
}

/// Keys are unique within an object, as in every real example.
fn push_new(members: &mut Vec<Member>, member: Member) {
    if !members.iter().any(|m| m.key == member.key) {
        members.push(member);
    }
}

fn random_member(rng: &mut Rng, depth: usize, nested: Nested) -> Member {
    let roll = rng.below(100);
    let mandatory = rng.chance(60);
    let (key, node) = match roll {
        0..=29 => {
            let (base, text) = rng.pick(TEXT_BASES);
            (camel(rng.pick(QUALIFIERS), base), Node::Text(text))
        }
        30..=37 => (rng.pick(INT_KEYS).to_string(), Node::Int),
        38..=41 => (rng.pick(FLOAT_KEYS).to_string(), Node::Float),
        42..=48 => (rng.pick(BOOL_KEYS).to_string(), Node::Bool),
        49..=56 => {
            let key = rng.pick(TIME_KEYS);
            let nullable = matches!(key, "paidAt" | "settledAt");
            // A member an example sends as `null` is not always there.
            let node = Node::Timestamp { nullable };
            return Member {
                key: key.to_string(),
                node,
                mandatory: mandatory && !nullable,
                documented: rng.chance(85),
                link: None,
            };
        }
        57..=69 => {
            let (key, values) = rng.pick(CODE_SETS);
            (camel(rng.pick(QUALIFIERS), key), Node::Code(values))
        }
        70..=84 if depth < 3 => {
            let mut inner = Vec::new();
            let n = rng.range(2, 4);
            add_random_members(rng, &mut inner, n, depth + 1, nested);
            (nested.object_key(rng), Node::Object(inner))
        }
        85..=92 if depth < 2 => {
            let mut inner = Vec::new();
            let n = rng.range(2, 5);
            add_random_members(rng, &mut inner, n, depth + 1, nested);
            (nested.list_key(rng), Node::List(inner))
        }
        93..=96 => (camel(rng.pick(QUALIFIERS), "amount"), amount_node()),
        _ => ("tags".to_string(), Node::Tags),
    };
    Member {
        key,
        node,
        mandatory,
        documented: rng.chance(85),
        link: None,
    }
}

/// `Request` / `Response`, `... Body`, the example, the field table.
fn body(
    rng: &mut Rng,
    text: &mut String,
    side: &str,
    members: &[Member],
    table_heading: Option<&str>,
) {
    if side == "Response" {
        text.push_str("Response\n");
    }
    text.push_str(&format!("{side} Body\n"));
    render_object(rng, members, Render::Example { first_item: false }, text);
    text.push('\n');
    let heading = match table_heading {
        Some(heading) => heading.to_string(),
        None => format!("Detail Parameter {side}"),
    };
    text.push_str(&heading);
    text.push('\n');
    let style = TableStyle {
        header: rng.chance(50),
        limits: rng.chance(40),
        long_presence: rng.chance(50),
    };
    if style.header {
        text.push_str("Parameter\nData Type\n");
        if style.limits {
            text.push_str("Character Limit\n");
        }
        text.push_str("Requirement\nDescription\n");
    }
    table_rows(rng, members, "", &style, text);
}

struct TableStyle {
    header: bool,
    limits: bool,
    long_presence: bool,
}

fn table_rows(
    rng: &mut Rng,
    members: &[Member],
    prefix: &str,
    style: &TableStyle,
    text: &mut String,
) {
    for member in members {
        let name = format!("{prefix}{}", member.key);
        if member.documented {
            table_row(rng, member, &name, style, text);
        }
        match &member.node {
            Node::Object(inner) => table_rows(rng, inner, &format!("{name}."), style, text),
            Node::List(inner) => table_rows(rng, inner, &format!("{name}[]."), style, text),
            _ => {}
        }
    }
}

fn table_row(rng: &mut Rng, member: &Member, name: &str, style: &TableStyle, text: &mut String) {
    let ty = match &member.node {
        Node::Text(Text::Digits) => rng.pick(&["Alphanumeric", "String", "Numeric"]),
        Node::Text(_) | Node::Code(_) | Node::Timestamp { .. } => "String",
        Node::Int => rng.pick(&["Integer", "Numeric"]),
        Node::DecimalString | Node::Float => "Decimal",
        Node::Bool => "Boolean",
        Node::Object(_) | Node::FreeForm => "Object",
        Node::List(_) => "Array of Object",
        Node::Tags => "Array",
    };
    text.push_str(&format!("{name}\n{ty}\n"));
    if style.limits {
        let limit = rng.pick(&["1-255", "0-64", "36", "-", "1-18"]);
        text.push_str(limit);
        text.push('\n');
    }
    let presence = match (member.mandatory, style.long_presence) {
        (true, true) => "Mandatory",
        (true, false) => "M",
        (false, true) => "Optional",
        (false, false) => "O",
    };
    text.push_str(presence);
    text.push('\n');
    for line in description(rng, member) {
        text.push_str(&line);
        text.push('\n');
    }
}

fn description(rng: &mut Rng, member: &Member) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(slug) = &member.link {
        lines.push(format!(
            "The resource, as its object page documents it: {slug}"
        ));
        return lines;
    }
    if let Node::Code(values) = member.node {
        if !member.mandatory && rng.chance(50) {
            lines.push(format!("Default to {}", values[0]));
        }
        lines.push(format!(
            "The {} of the object. Possible values are:",
            member.key
        ));
        for value in values {
            if rng.chance(40) {
                lines.push(format!("{value} : {}", rng.pick(SENTENCES)));
            } else {
                lines.push(value.to_string());
            }
        }
        return lines;
    }
    if let Node::FreeForm = member.node {
        lines.push(
            "Free object for merchant to store any extra information about the request".into(),
        );
        return lines;
    }
    for _ in 0..rng.range(1, 2) {
        lines.push(rng.pick(SENTENCES).to_string());
    }
    if rng.chance(15) {
        lines.push(LONG_SENTENCE.to_string());
    }
    lines
}

#[derive(Debug, Clone, Copy)]
enum Render {
    /// The page's example: one member per line, indentation stripped; arrays
    /// of objects have two items, the first with its nullable members null,
    /// so the models learn both the type and that it may be missing.
    Example { first_item: bool },
    /// Compact JSON with varied values, some nullable members null.
    Wire,
}

impl Render {
    fn newline(self) -> &'static str {
        match self {
            Render::Example { .. } => "\n",
            Render::Wire => "",
        }
    }

    fn separator(self) -> &'static str {
        match self {
            Render::Example { .. } => ": ",
            Render::Wire => ":",
        }
    }
}

fn render_object(rng: &mut Rng, members: &[Member], mode: Render, out: &mut String) {
    let nl = mode.newline();
    out.push('{');
    out.push_str(nl);
    for (i, member) in members.iter().enumerate() {
        if i > 0 {
            out.push(',');
            out.push_str(nl);
        }
        out.push('"');
        out.push_str(&member.key);
        out.push('"');
        out.push_str(mode.separator());
        render_value(rng, &member.node, mode, out);
    }
    out.push_str(nl);
    out.push('}');
}

fn render_value(rng: &mut Rng, node: &Node, mode: Render, out: &mut String) {
    match node {
        Node::Text(text) => {
            out.push('"');
            out.push_str(&text_value(rng, *text));
            out.push('"');
        }
        Node::Code(values) => {
            out.push('"');
            out.push_str(rng.pick(values));
            out.push('"');
        }
        Node::Int => out.push_str(&rng.range(1, 100_000).to_string()),
        Node::DecimalString => out.push_str(&format!("\"{}.00\"", rng.range(1, 9_999_999))),
        Node::Float => out.push_str(&format!("{}.{:02}", rng.range(0, 99), rng.below(100))),
        Node::Bool => out.push_str(if rng.chance(50) { "true" } else { "false" }),
        Node::Timestamp { nullable } => {
            let null = *nullable
                && match mode {
                    Render::Example { first_item } => first_item,
                    Render::Wire => rng.chance(30),
                };
            if null {
                out.push_str("null");
            } else {
                out.push_str(&timestamp(rng));
            }
        }
        Node::Object(members) => render_object(rng, members, mode, out),
        Node::List(members) => render_list(rng, members, mode, out),
        Node::Tags => {
            let nl = mode.newline();
            out.push('[');
            out.push_str(nl);
            for i in 0..rng.range(1, 3) {
                if i > 0 {
                    out.push(',');
                    out.push_str(nl);
                }
                out.push_str(&format!("\"{}\"", rng.pick(WORDS)));
            }
            out.push_str(nl);
            out.push(']');
        }
        Node::FreeForm => {
            let sep = mode.separator();
            let nl = mode.newline();
            out.push_str(&format!(
                "{{{nl}\"invoiceNo\"{sep}\"INV{:05}\"{nl}}}",
                rng.below(100_000)
            ));
        }
    }
}

fn render_list(rng: &mut Rng, members: &[Member], mode: Render, out: &mut String) {
    let nl = mode.newline();
    let items: Vec<Render> = match mode {
        Render::Example { .. } => vec![
            Render::Example { first_item: true },
            Render::Example { first_item: false },
        ],
        Render::Wire => vec![Render::Wire; rng.range(1, 3)],
    };
    out.push('[');
    out.push_str(nl);
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
            out.push_str(nl);
        }
        render_object(rng, members, item, out);
    }
    out.push_str(nl);
    out.push(']');
}

fn text_value(rng: &mut Rng, text: Text) -> String {
    match text {
        Text::Uuid => {
            let hex = format!("{:016x}{:016x}", rng.next(), rng.next());
            format!(
                "{}-{}-{}-{}-{}",
                &hex[0..8],
                &hex[8..12],
                &hex[12..16],
                &hex[16..20],
                &hex[20..32]
            )
        }
        Text::Digits => format!("{}", 1_000_000_000 + rng.below(9_000_000_000)),
        Text::PersonName => format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES)),
        Text::Email => format!(
            "{}.{}@merchant.example",
            rng.pick(FIRST_NAMES).to_ascii_lowercase(),
            rng.pick(LAST_NAMES).to_ascii_lowercase()
        ),
        Text::Url => format!(
            "https://merchant.example/{}/{}",
            rng.pick(WORDS),
            rng.below(100_000)
        ),
        Text::Phrase => {
            let n = rng.range(2, 6);
            let words: Vec<&str> = (0..n).map(|_| rng.pick(WORDS)).collect();
            title_case(&words.join(" "))
        }
        Text::Currency => rng.pick(&["IDR", "USD", "SGD"]).to_string(),
    }
}

fn timestamp(rng: &mut Rng) -> String {
    format!(
        "\"2025-{:02}-{:02}T{:02}:{:02}:{:02}Z\"",
        rng.range(1, 12),
        rng.range(1, 28),
        rng.below(24),
        rng.below(60),
        rng.below(60)
    )
}
