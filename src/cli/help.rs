//! The shell's help texts: meta-commands, every clause and every function
//! (each with a short description and an example), and `:help TOPIC`
//! lookup with "did you mean".
//!
//! The function table must cover the engine's registry
//! (`src/exec/functions.rs`); a unit test reads the registry's source and
//! fails when a registered name has no entry here.

/// The meta-commands: usage and what they do.
pub const COMMANDS: &[(&str, &str)] = &[
    (
        ":help [TOPIC]",
        "this help; TOPIC is a command, clause or function",
    ),
    (
        ":schema",
        "labels, relationship types, property keys, indexes, constraints",
    ),
    (":format table|csv|json|jsonl", "how results are printed"),
    (":timing on|off", "show how long each statement took"),
    (
        ":max_rows N",
        "rows per table (0: all; default: a screenful)",
    ),
    (
        ":limits [timeout DUR|memory SIZE|rows N|none]",
        "show or set the limits on each statement (e.g. :limits memory 2GiB)",
    ),
    (
        ":param NAME => EXPR",
        "set $NAME to a Cypher expression (or JSON)",
    ),
    (":params", "list the parameters"),
    (":clear params", "remove every parameter"),
    (":source FILE", "run the statements of a script file"),
    (
        ":save FILE",
        "write the last result to FILE (.csv, .json, .jsonl or table)",
    ),
    (
        ":why",
        "the source sentences behind the entities of the last result",
    ),
    (
        ":search WORDS",
        "full-text search (the `search` index, else the first one): the ten best hits, with who said them and their sources",
    ),
    (":quit", "leave (Ctrl-D does too)"),
];

/// The meta-command names, for completion and "did you mean".
pub const COMMAND_NAMES: &[&str] = &[
    ":help",
    ":schema",
    ":format",
    ":timing",
    ":max_rows",
    ":limits",
    ":param",
    ":params",
    ":clear",
    ":source",
    ":save",
    ":why",
    ":search",
    ":quit",
];

/// Help for one clause.
#[derive(Debug, Clone, Copy)]
pub struct Clause {
    /// The clause, as written (`ORDER BY`).
    pub name: &'static str,
    /// What it does.
    pub about: &'static str,
    /// A statement that uses it (runs on the bundled graph).
    pub example: &'static str,
}

/// Help for one function (or a family of spellings of it).
#[derive(Debug, Clone, Copy)]
pub struct Function {
    /// The registered names it covers, separated by spaces.
    pub names: &'static str,
    /// Its signature.
    pub signature: &'static str,
    /// What it does.
    pub about: &'static str,
    /// A statement that uses it (runs on the bundled graph).
    pub example: &'static str,
}

const fn cl(name: &'static str, about: &'static str, example: &'static str) -> Clause {
    Clause {
        name,
        about,
        example,
    }
}

const fn f(
    names: &'static str,
    signature: &'static str,
    about: &'static str,
    example: &'static str,
) -> Function {
    Function {
        names,
        signature,
        about,
        example,
    }
}

/// Every clause.
pub static CLAUSES: &[Clause] = &[
    cl(
        "MATCH",
        "Finds the parts of the graph that fit a pattern of nodes and relationships.",
        "MATCH (c:Country)-[:VETOED]->(r:Resolution) RETURN c.name, r.name",
    ),
    cl(
        "OPTIONAL MATCH",
        "Like MATCH, but keeps the row with nulls when the pattern is not found.",
        "MATCH (c:Country) OPTIONAL MATCH (c)-[v:VOTED]->() RETURN c.name, v.vote",
    ),
    cl(
        "WHERE",
        "Filters the rows of a MATCH or WITH by a condition.",
        "MATCH (c:Country) WHERE c.code IN ['RU', 'CN'] RETURN c.name",
    ),
    cl(
        "RETURN",
        "Says what the statement gives back: expressions, optionally renamed with AS.",
        "MATCH (p:Person) RETURN p.name AS name, p.role AS role",
    ),
    cl(
        "WITH",
        "Passes rows on to the next part of the query; can aggregate, filter and rename.",
        "MATCH (s:Sentence)-[:MENTIONS]->(n) WITH n, count(s) AS k WHERE k > 5 RETURN n.name, k",
    ),
    cl(
        "ORDER BY",
        "Sorts the rows of RETURN or WITH (ASC by default, DESC for descending).",
        "MATCH (s:Sentence) RETURN s.n, s.text ORDER BY s.n DESC LIMIT 3",
    ),
    cl(
        "SKIP",
        "Leaves out the first N rows.",
        "MATCH (s:Sentence) RETURN s.id ORDER BY s.n SKIP 15",
    ),
    cl(
        "LIMIT",
        "Keeps at most N rows.",
        "MATCH (c:Country) RETURN c.name ORDER BY c.name LIMIT 3",
    ),
    cl(
        "UNWIND",
        "Turns a list into rows, one per element.",
        "UNWIND ['RU', 'CN'] AS code MATCH (c:Country {code: code}) RETURN c.name",
    ),
    cl(
        "UNION",
        "Combines the rows of two queries with the same columns (UNION ALL keeps duplicates).",
        "MATCH (c:Country) RETURN c.name AS name UNION MATCH (p:Person) RETURN p.name AS name",
    ),
    cl(
        "CREATE",
        "Creates nodes and relationships.",
        "CREATE (c:Country {name: 'Norway', code: 'NO'}) RETURN c",
    ),
    cl(
        "MERGE",
        "Finds a pattern or creates it when it is missing; ON CREATE / ON MATCH SET say what to set.",
        "MERGE (c:Country {name: 'Norway'}) ON CREATE SET c.code = 'NO' RETURN c",
    ),
    cl(
        "SET",
        "Sets properties or adds labels.",
        "MATCH (c:Country {code: 'RU'}) SET c.checked = true RETURN c.checked",
    ),
    cl(
        "REMOVE",
        "Removes properties or labels.",
        "MATCH (c:Country {code: 'RU'}) REMOVE c.mentioned_as RETURN c",
    ),
    cl(
        "DELETE",
        "Deletes relationships, and nodes that have none left.",
        "MATCH (:Country {code: 'RU'})-[v:VOTED]->() DELETE v",
    ),
    cl(
        "DETACH DELETE",
        "Deletes nodes together with their relationships.",
        "MATCH (p:Person {name: 'Gennady Gatilov'}) DETACH DELETE p",
    ),
    cl(
        "FOREACH",
        "Runs updating clauses for every element of a list.",
        "MATCH (c:Country) FOREACH (x IN [1, 2] | SET c.seen = x)",
    ),
    cl(
        "CALL",
        "Calls a procedure (db.labels(), db.schema(), plenary.import.relationships(file, config), … — :help procedures) or runs a subquery CALL { … } per row.",
        "CALL db.labels() YIELD label RETURN label",
    ),
    cl(
        "LOAD CSV",
        "Reads a CSV file (plain, or gzip when its name ends in .gz) row by row, as lists or (WITH HEADERS) as maps. A name that does not exist is read under its other name when that exists (x.csv.gz ↔ x.csv).",
        "LOAD CSV WITH HEADERS FROM 'file:///votes.csv' AS row RETURN row.country, row.vote",
    ),
    cl(
        "EXPLAIN",
        "Shows the plan of a statement without running it.",
        "EXPLAIN MATCH (c:Country {code: 'RU'}) RETURN c",
    ),
    cl(
        "PROFILE",
        "Runs a statement and shows its plan with the rows each step produced.",
        "PROFILE MATCH (c:Country)-[:VETOED]->(r) RETURN r.name",
    ),
    cl(
        "CREATE INDEX",
        "Creates a property index that speeds up lookups by value.",
        "CREATE INDEX person_role IF NOT EXISTS FOR (p:Person) ON (p.role)",
    ),
    cl(
        "CREATE FULLTEXT INDEX",
        "Creates a full-text index over string properties of nodes with any of the labels (or\n  FOR ()-[r:T]-() relationships); search it with db.index.fulltext.queryNodes. OPTIONS\n  {indexConfig: {`fulltext.analyzer`: 'english'}} stems and drops stop words ('standard'\n  drops stop words, 'standard-no-stop-words' is the default). DROP INDEX name drops it.",
        "CREATE FULLTEXT INDEX talk IF NOT EXISTS FOR (n:Sentence|Statement) ON EACH [n.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}",
    ),
    cl(
        "CREATE VECTOR INDEX",
        "Creates a vector index over a list-of-numbers property of one label (or FOR ()-[r:T]-()\n  relationship type); OPTIONS {indexConfig: {`vector.dimensions`: N,\n  `vector.similarity_function`: 'cosine' | 'euclidean'}}; search it with\n  db.index.vector.queryNodes (exact search). Embeddings come from you: plenary ships no model.",
        "CREATE VECTOR INDEX statement_vectors IF NOT EXISTS FOR (s:Statement) ON s.embedding OPTIONS {indexConfig: {`vector.dimensions`: 384, `vector.similarity_function`: 'cosine'}}",
    ),
    cl(
        "CREATE CONSTRAINT",
        "Creates a uniqueness constraint (and its index).",
        "CREATE CONSTRAINT event_name IF NOT EXISTS FOR (e:Event) REQUIRE e.name IS UNIQUE",
    ),
    cl(
        "SHOW INDEXES",
        "Lists the indexes, full-text ones included (CALL db.indexes() and db.constraints() give more;\n  SHOW FULLTEXT INDEXES lists only the full-text ones).",
        "SHOW INDEXES",
    ),
];

/// Every function, grouped as `:help functions` lists them.
pub static FUNCTIONS: &[Function] = &[
    // graph
    f(
        "id",
        "id(entity) :: INTEGER",
        "The internal id of a node or relationship.",
        "MATCH (c:Country {code: 'RU'}) RETURN id(c)",
    ),
    f(
        "elementId",
        "elementId(entity) :: STRING",
        "The id of a node or relationship as a string.",
        "MATCH (c:Country {code: 'RU'}) RETURN elementId(c)",
    ),
    f(
        "labels",
        "labels(node) :: LIST<STRING>",
        "The labels of a node.",
        "MATCH (n {name: 'Russia'}) RETURN labels(n)",
    ),
    f(
        "type",
        "type(relationship) :: STRING",
        "The type of a relationship.",
        "MATCH (:Country {code: 'RU'})-[r]->() RETURN DISTINCT type(r)",
    ),
    f(
        "properties",
        "properties(entity) :: MAP",
        "All properties of a node, relationship or map.",
        "MATCH (p:Person) RETURN properties(p) LIMIT 1",
    ),
    f(
        "keys",
        "keys(entity) :: LIST<STRING>",
        "The property keys of a node, relationship or map.",
        "MATCH (c:Country {code: 'RU'}) RETURN keys(c)",
    ),
    f(
        "startNode",
        "startNode(relationship) :: NODE",
        "The node a relationship starts at.",
        "MATCH ()-[v:VETOED]->() RETURN startNode(v).name",
    ),
    f(
        "endNode",
        "endNode(relationship) :: NODE",
        "The node a relationship ends at.",
        "MATCH ()-[v:VETOED]->() RETURN endNode(v).name",
    ),
    f(
        "nodes",
        "nodes(path) :: LIST<NODE>",
        "The nodes of a path.",
        "MATCH p = (:Person)-[:LEADS]->() RETURN [n IN nodes(p) | n.name]",
    ),
    f(
        "relationships",
        "relationships(path) :: LIST<RELATIONSHIP>",
        "The relationships of a path.",
        "MATCH p = (:Person)-[:LEADS]->() RETURN [r IN relationships(p) | type(r)]",
    ),
    f(
        "length",
        "length(path) :: INTEGER",
        "The number of relationships in a path.",
        "MATCH p = shortestPath((:Person {name: 'Gennady Gatilov'})-[*]-(:Country {code: 'CN'})) RETURN length(p)",
    ),
    // lists
    f(
        "size",
        "size(list or string) :: INTEGER",
        "The number of elements of a list or characters of a string.",
        "RETURN size([1, 2, 3]), size('Syria')",
    ),
    f(
        "head",
        "head(list) :: ANY",
        "The first element of a list (null if empty).",
        "RETURN head(['a', 'b'])",
    ),
    f(
        "last",
        "last(list) :: ANY",
        "The last element of a list (null if empty).",
        "RETURN last(['a', 'b'])",
    ),
    f(
        "tail",
        "tail(list) :: LIST",
        "The list without its first element.",
        "RETURN tail(['a', 'b', 'c'])",
    ),
    f(
        "range",
        "range(start, end [, step]) :: LIST<INTEGER>",
        "The integers from start to end inclusive.",
        "RETURN range(1, 10, 3)",
    ),
    f(
        "reverse",
        "reverse(list or string)",
        "The list or string in reverse order.",
        "RETURN reverse([1, 2, 3]), reverse('abc')",
    ),
    f(
        "coalesce",
        "coalesce(expr, …) :: ANY",
        "The first argument that is not null.",
        "MATCH (c:Country) RETURN c.name, coalesce(c.mentioned_as, c.name)",
    ),
    f(
        "isEmpty",
        "isEmpty(list, map or string) :: BOOLEAN",
        "Whether a list, map or string is empty.",
        "RETURN isEmpty([]), isEmpty('x')",
    ),
    // conversion
    f(
        "toString",
        "toString(value) :: STRING",
        "A number, boolean or temporal value as a string.",
        "RETURN toString(12) + ' nations'",
    ),
    f(
        "toInteger",
        "toInteger(value) :: INTEGER",
        "A string, float or boolean as an integer (null if it does not parse).",
        "RETURN toInteger('137'), toInteger(2.9)",
    ),
    f(
        "toFloat",
        "toFloat(value) :: FLOAT",
        "A string or integer as a float.",
        "RETURN toFloat('5.4'), toFloat(5)",
    ),
    f(
        "toBoolean",
        "toBoolean(value) :: BOOLEAN",
        "A string ('true'/'false') or integer as a boolean.",
        "RETURN toBoolean('true'), toBoolean(0)",
    ),
    f(
        "toStringOrNull",
        "toStringOrNull(value) :: STRING",
        "Like toString, but null instead of an error.",
        "RETURN toStringOrNull([1])",
    ),
    f(
        "toIntegerOrNull",
        "toIntegerOrNull(value) :: INTEGER",
        "Like toInteger, but null instead of an error.",
        "RETURN toIntegerOrNull('x')",
    ),
    f(
        "toFloatOrNull",
        "toFloatOrNull(value) :: FLOAT",
        "Like toFloat, but null instead of an error.",
        "RETURN toFloatOrNull('x')",
    ),
    f(
        "toBooleanOrNull",
        "toBooleanOrNull(value) :: BOOLEAN",
        "Like toBoolean, but null instead of an error.",
        "RETURN toBooleanOrNull('maybe')",
    ),
    f(
        "valueType",
        "valueType(value) :: STRING",
        "The type of a value (INTEGER, STRING NOT NULL, LIST<…>, …).",
        "RETURN valueType(1), valueType(['a'])",
    ),
    // strings
    f(
        "toLower lower",
        "toLower(string) :: STRING",
        "The string in lower case (lower is the same).",
        "RETURN toLower('UN General Assembly')",
    ),
    f(
        "toUpper upper",
        "toUpper(string) :: STRING",
        "The string in upper case (upper is the same).",
        "RETURN toUpper('syria')",
    ),
    f(
        "trim",
        "trim(string) :: STRING",
        "The string without leading and trailing whitespace.",
        "RETURN trim('  Syria  ')",
    ),
    f(
        "ltrim",
        "ltrim(string) :: STRING",
        "The string without leading whitespace.",
        "RETURN ltrim('  Syria')",
    ),
    f(
        "rtrim",
        "rtrim(string) :: STRING",
        "The string without trailing whitespace.",
        "RETURN rtrim('Syria  ')",
    ),
    f(
        "replace",
        "replace(string, search, replacement) :: STRING",
        "Every occurrence of search replaced.",
        "RETURN replace('A/RES/66/253', '/', '-')",
    ),
    f(
        "split",
        "split(string, delimiter) :: LIST<STRING>",
        "The string cut at each delimiter.",
        "RETURN split('A/RES/66/253', '/')",
    ),
    f(
        "substring",
        "substring(string, start [, length]) :: STRING",
        "Part of a string (start counts from 0).",
        "RETURN substring('Resolution', 0, 3)",
    ),
    f(
        "left",
        "left(string, n) :: STRING",
        "The first n characters.",
        "RETURN left('Syria', 3)",
    ),
    f(
        "right",
        "right(string, n) :: STRING",
        "The last n characters.",
        "RETURN right('Syria', 3)",
    ),
    // numbers
    f(
        "abs",
        "abs(number)",
        "The absolute value.",
        "RETURN abs(-5400)",
    ),
    f(
        "ceil",
        "ceil(number) :: FLOAT",
        "The smallest whole number not below it.",
        "RETURN ceil(2.1)",
    ),
    f(
        "floor",
        "floor(number) :: FLOAT",
        "The largest whole number not above it.",
        "RETURN floor(2.9)",
    ),
    f(
        "round",
        "round(number [, precision [, mode]]) :: FLOAT",
        "Rounded to the nearest (half up by default), to precision decimals.",
        "RETURN round(137.0 / 193 * 100, 1)",
    ),
    f(
        "sign",
        "sign(number) :: INTEGER",
        "-1, 0 or 1.",
        "RETURN sign(-3)",
    ),
    f(
        "sqrt",
        "sqrt(number) :: FLOAT",
        "The square root.",
        "RETURN sqrt(16)",
    ),
    f(
        "exp",
        "exp(number) :: FLOAT",
        "e raised to the power.",
        "RETURN exp(1)",
    ),
    f(
        "log",
        "log(number) :: FLOAT",
        "The natural logarithm.",
        "RETURN log(e())",
    ),
    f(
        "log10",
        "log10(number) :: FLOAT",
        "The base-10 logarithm.",
        "RETURN log10(1000)",
    ),
    f("e", "e() :: FLOAT", "Euler's number.", "RETURN e()"),
    f("pi", "pi() :: FLOAT", "π.", "RETURN pi()"),
    f(
        "sin",
        "sin(radians) :: FLOAT",
        "The sine.",
        "RETURN sin(pi() / 2)",
    ),
    f(
        "cos",
        "cos(radians) :: FLOAT",
        "The cosine.",
        "RETURN cos(0)",
    ),
    f(
        "tan",
        "tan(radians) :: FLOAT",
        "The tangent.",
        "RETURN tan(pi() / 4)",
    ),
    f(
        "cot",
        "cot(radians) :: FLOAT",
        "The cotangent.",
        "RETURN cot(pi() / 4)",
    ),
    f(
        "asin",
        "asin(number) :: FLOAT",
        "The arcsine, in radians.",
        "RETURN asin(1)",
    ),
    f(
        "acos",
        "acos(number) :: FLOAT",
        "The arccosine, in radians.",
        "RETURN acos(1)",
    ),
    f(
        "atan",
        "atan(number) :: FLOAT",
        "The arctangent, in radians.",
        "RETURN atan(1)",
    ),
    f(
        "atan2",
        "atan2(y, x) :: FLOAT",
        "The angle of the point (x, y), in radians.",
        "RETURN atan2(1, 1)",
    ),
    f(
        "haversin",
        "haversin(radians) :: FLOAT",
        "Half the versine.",
        "RETURN haversin(pi())",
    ),
    f(
        "degrees",
        "degrees(radians) :: FLOAT",
        "Radians to degrees.",
        "RETURN degrees(pi())",
    ),
    f(
        "radians",
        "radians(degrees) :: FLOAT",
        "Degrees to radians.",
        "RETURN radians(180)",
    ),
    f(
        "rand",
        "rand() :: FLOAT",
        "A random number in [0, 1).",
        "RETURN rand() < 1",
    ),
    f(
        "isNaN",
        "isNaN(number) :: BOOLEAN",
        "Whether a float is NaN.",
        "RETURN isNaN(0.0 / 0.0)",
    ),
    f(
        "randomUUID",
        "randomUUID() :: STRING",
        "A random UUID.",
        "RETURN size(randomUUID())",
    ),
    // predicates and misc
    f(
        "exists",
        "exists(property or pattern) :: BOOLEAN",
        "Whether a property is set (or a pattern exists).",
        "MATCH (e:Event) RETURN e.id, exists(e.killed_over)",
    ),
    f(
        "timestamp",
        "timestamp() :: INTEGER",
        "Milliseconds since 1970-01-01 UTC.",
        "RETURN timestamp() > 0",
    ),
    // temporal
    f(
        "date date.statement date.transaction date.realtime",
        "date([string or map]) :: DATE",
        "A date from an ISO string or a map, or today.",
        "RETURN date('2012-02-16').dayOfWeek, date({year: 2012, month: 2, day: 16})",
    ),
    f(
        "localtime localtime.statement localtime.transaction localtime.realtime",
        "localtime([string or map]) :: LOCAL TIME",
        "A time of day without a zone, or now.",
        "RETURN localtime('12:30')",
    ),
    f(
        "time time.statement time.transaction time.realtime",
        "time([string or map]) :: ZONED TIME",
        "A time of day with an offset, or now.",
        "RETURN time('12:30+01:00')",
    ),
    f(
        "localdatetime localdatetime.statement localdatetime.transaction localdatetime.realtime",
        "localdatetime([string or map]) :: LOCAL DATETIME",
        "A date and time without a zone, or now.",
        "RETURN localdatetime('2012-02-16T15:00')",
    ),
    f(
        "datetime datetime.statement datetime.transaction datetime.realtime",
        "datetime([string or map]) :: ZONED DATETIME",
        "A date and time with an offset, or now.",
        "RETURN datetime('2012-02-16T15:00Z').year",
    ),
    f(
        "date.truncate",
        "date.truncate(unit, temporal [, map]) :: DATE",
        "A date cut down to the unit (year, quarter, month, week, day).",
        "RETURN date.truncate('month', date('2012-02-16'))",
    ),
    f(
        "localtime.truncate",
        "localtime.truncate(unit, temporal [, map]) :: LOCAL TIME",
        "A time cut down to the unit (hour, minute, second, …).",
        "RETURN localtime.truncate('hour', localtime('12:34:56'))",
    ),
    f(
        "time.truncate",
        "time.truncate(unit, temporal [, map]) :: ZONED TIME",
        "A zoned time cut down to the unit.",
        "RETURN time.truncate('minute', time('12:34:56+01:00'))",
    ),
    f(
        "localdatetime.truncate",
        "localdatetime.truncate(unit, temporal [, map]) :: LOCAL DATETIME",
        "A local datetime cut down to the unit.",
        "RETURN localdatetime.truncate('day', localdatetime('2012-02-16T15:00'))",
    ),
    f(
        "datetime.truncate",
        "datetime.truncate(unit, temporal [, map]) :: ZONED DATETIME",
        "A datetime cut down to the unit.",
        "RETURN datetime.truncate('year', datetime('2012-02-16T15:00Z'))",
    ),
    f(
        "datetime.fromepoch",
        "datetime.fromepoch(seconds, nanoseconds) :: ZONED DATETIME",
        "The UTC datetime of a Unix time.",
        "RETURN datetime.fromepoch(1329350400, 0)",
    ),
    f(
        "datetime.fromepochmillis",
        "datetime.fromepochmillis(millis) :: ZONED DATETIME",
        "The UTC datetime of a Unix time in milliseconds.",
        "RETURN datetime.fromepochmillis(1329350400000)",
    ),
    f(
        "duration",
        "duration(string or map) :: DURATION",
        "A duration from ISO 8601 (P11M) or a map.",
        "RETURN duration('P11M'), duration({months: 11})",
    ),
    f(
        "vector.similarity.cosine",
        "vector.similarity.cosine(a, b) :: FLOAT",
        "The cosine similarity of two equally long lists of numbers, as (1 + cos) / 2 in [0, 1]\n  (Neo4j's scale; null when either is null or a vector is zero).",
        "RETURN vector.similarity.cosine([1.0, 0.0], [1.0, 1.0])",
    ),
    f(
        "vector.similarity.euclidean",
        "vector.similarity.euclidean(a, b) :: FLOAT",
        "The Euclidean similarity of two equally long lists of numbers, as 1 / (1 + d²) in (0, 1].",
        "RETURN vector.similarity.euclidean([0, 0], [3, 4])",
    ),
    f(
        "duration.between",
        "duration.between(from, to) :: DURATION",
        "The duration from one temporal value to another.",
        "RETURN duration.between(date('2011-03-15'), date('2012-02-16'))",
    ),
    f(
        "duration.inMonths",
        "duration.inMonths(from, to) :: DURATION",
        "The difference in whole months.",
        "RETURN duration.inMonths(date('2011-03-15'), date('2012-02-16'))",
    ),
    f(
        "duration.inDays",
        "duration.inDays(from, to) :: DURATION",
        "The difference in whole days.",
        "RETURN duration.inDays(date('2012-02-04'), date('2012-02-16')).days",
    ),
    f(
        "duration.inSeconds",
        "duration.inSeconds(from, to) :: DURATION",
        "The difference in seconds.",
        "RETURN duration.inSeconds(localtime('12:00'), localtime('13:30'))",
    ),
    // aggregates
    f(
        "count",
        "count(expr) or count(*) :: INTEGER",
        "Aggregate: the number of rows (or of non-null values).",
        "MATCH (n) RETURN labels(n)[0] AS label, count(*) ORDER BY label",
    ),
    f(
        "sum",
        "sum(number) :: NUMBER",
        "Aggregate: the sum.",
        "MATCH (r:Resolution) RETURN sum(r.yes)",
    ),
    f(
        "avg",
        "avg(number) :: FLOAT",
        "Aggregate: the mean.",
        "MATCH (s:Sentence) RETURN avg(size(s.text))",
    ),
    f(
        "min",
        "min(value) :: ANY",
        "Aggregate: the smallest value.",
        "MATCH (s:Sentence) RETURN min(s.n)",
    ),
    f(
        "max",
        "max(value) :: ANY",
        "Aggregate: the largest value.",
        "MATCH (s:Sentence) RETURN max(s.n)",
    ),
    f(
        "collect",
        "collect(value) :: LIST",
        "Aggregate: the non-null values as a list.",
        "MATCH (c:Country) RETURN collect(c.code)",
    ),
    f(
        "stDev",
        "stDev(number) :: FLOAT",
        "Aggregate: the sample standard deviation.",
        "MATCH (s:Sentence) RETURN stDev(size(s.text))",
    ),
    f(
        "stDevP",
        "stDevP(number) :: FLOAT",
        "Aggregate: the population standard deviation.",
        "MATCH (s:Sentence) RETURN stDevP(size(s.text))",
    ),
    f(
        "percentileCont",
        "percentileCont(number, p) :: FLOAT",
        "Aggregate: the p-th percentile, interpolated.",
        "MATCH (s:Sentence) RETURN percentileCont(size(s.text), 0.5)",
    ),
    f(
        "percentileDisc",
        "percentileDisc(number, p) :: NUMBER",
        "Aggregate: the p-th percentile, a value from the data.",
        "MATCH (s:Sentence) RETURN percentileDisc(size(s.text), 0.5)",
    ),
];

/// Help for one built-in procedure.
#[derive(Debug, Clone, Copy)]
pub struct Procedure {
    /// Its name (`db.labels`).
    pub name: &'static str,
    /// Its signature with its outputs.
    pub signature: &'static str,
    /// What it does (for a long one, every rule).
    pub about: &'static str,
    /// A statement that calls it.
    pub example: &'static str,
}

/// The engine's procedures (`plan::bind::procedure_signature`).
pub const PROCEDURES: &[Procedure] = &[
    Procedure {
        name: "db.labels",
        signature: "db.labels() :: (label)",
        about: "The labels in use.",
        example: "CALL db.labels() YIELD label RETURN label",
    },
    Procedure {
        name: "db.relationshipTypes",
        signature: "db.relationshipTypes() :: (relationshipType)",
        about: "The relationship types in use.",
        example: "CALL db.relationshipTypes()",
    },
    Procedure {
        name: "db.propertyKeys",
        signature: "db.propertyKeys() :: (propertyKey)",
        about: "The property keys in use.",
        example: "CALL db.propertyKeys()",
    },
    Procedure {
        name: "db.schema",
        signature: "db.schema() :: (kind, name, count, properties)",
        about: "Labels and relationship types with their counts and property keys.",
        example: "CALL db.schema()",
    },
    Procedure {
        name: "db.indexes",
        signature: "db.indexes() :: (name, label, property, type)",
        about: "The property indexes.",
        example: "CALL db.indexes()",
    },
    Procedure {
        name: "db.constraints",
        signature: "db.constraints() :: (name, label, property, type)",
        about: "The constraints.",
        example: "CALL db.constraints()",
    },
    Procedure {
        name: "db.stats",
        signature: "db.stats() :: (item, count, bytes)",
        about: "What the graph holds in memory, estimated: records with their properties, names,\n  label sets, indexes, the column views built so far, the undo log, and the total.",
        example: "CALL db.stats() YIELD item, bytes WHERE bytes > 0 RETURN item, bytes",
    },
    Procedure {
        name: "db.index.fulltext.queryNodes",
        signature: "db.index.fulltext.queryNodes(indexName, queryString [, {skip, limit}]) :: (node, score)",
        about: "Searches a full-text index over nodes (CREATE FULLTEXT INDEX … FOR (n:L) ON EACH [n.p]);\n  best BM25 score first, ties by id. Lucene's query syntax: words (OR by default), \"phrases\",\n  AND / OR / NOT, +word / -word, (groups), peace* and pe?ce, syria~ or syria~1 (fuzzy),\n  text:word (one property), word^2 (boost), \\ escapes.",
        example: "CALL db.index.fulltext.queryNodes('search', 'peacekeep* AND syria') YIELD node, score RETURN node.text, score",
    },
    Procedure {
        name: "db.index.fulltext.queryRelationships",
        signature: "db.index.fulltext.queryRelationships(indexName, queryString [, {skip, limit}]) :: (relationship, score)",
        about: "Searches a full-text index over relationships (FOR ()-[r:T]-() ON EACH [r.p]), as queryNodes.",
        example: "CALL db.index.fulltext.queryRelationships('demands_and_blame', 'violen*', {limit: 5}) YIELD relationship, score RETURN type(relationship), relationship.demand, relationship.blamed_for, score",
    },
    Procedure {
        name: "db.index.vector.queryNodes",
        signature: "db.index.vector.queryNodes(indexName, numberOfNearestNeighbours, query) :: (node, score)",
        about: "The k nodes of a vector index (CREATE VECTOR INDEX … FOR (n:L) ON n.p OPTIONS {indexConfig:\n  {`vector.dimensions`: N, `vector.similarity_function`: 'cosine'}}) closest to the query vector,\n  best first, by exact search (every vector of the label is scored).",
        example: "CALL db.index.vector.queryNodes('sentence_vectors', 3, [1.0, 0.0, 0.0]) YIELD node, score RETURN node.id, score",
    },
    Procedure {
        name: "db.index.vector.queryRelationships",
        signature: "db.index.vector.queryRelationships(indexName, numberOfNearestNeighbours, query) :: (relationship, score)",
        about: "As db.index.vector.queryNodes, for a vector index over relationships (FOR ()-[r:T]-() ON r.p).",
        example: "CALL db.index.vector.queryRelationships('demand_vectors', 3, [1.0, 0.0]) YIELD relationship, score",
    },
    Procedure {
        name: "plenary.import.relationships",
        signature: "plenary.import.relationships(file, config) :: (rows, skipped, nodesCreated, relationshipsCreated)",
        about: r#"Bulk-loads relationships from a CSV file with a header row (plain or .gz, read like
  LOAD CSV: same file-access rules, errors name file:line), one per data row, several
  times faster than LOAD CSV + MERGE. file: a path or file: URL. config (other keys are
  errors):
    type        the relationship type (required)
    from, to    the end nodes: label, key (a property) and column (a header name), all
                required, name the node (:label {key: value of the column}); as: 'STRING'
                (default), 'INTEGER', 'FLOAT' or 'BOOLEAN' converts the text first, like
                toInteger() etc., and text that does not convert is an error; create: true
                creates a missing node (default false: the row is skipped); properties:
                {prop: column} set only on nodes the import creates
    properties  the relationship's: {prop: column} or {prop: {column, as}}
    merge       true (default): no second relationship of the type between the same two
                nodes, an existing one is left untouched; false: one per row
    delimiter   one character (default ',')
    batchSize   commit every n rows, like CALL { } IN TRANSACTIONS OF n ROWS (not inside
                BEGIN ... COMMIT); without it the call is atomic with its statement
  An empty field is null: a null key skips the row (counted in skipped), a null property
  is not set. Keys compare as with = (1 = 1.0, strings exactly); several nodes sharing a
  key value are an error (a uniqueness constraint on the key prevents that). The
  statement reports the usual counters too."#,
        example: "CALL plenary.import.relationships('votes.csv.gz', {type: 'VOTED', \
from: {label: 'Country', key: 'name', column: 'country', create: true}, \
to: {label: 'Resolution', key: 'rcid', column: 'rcid', as: 'INTEGER'}, \
properties: {vote: 'vote'}}) YIELD rows, skipped, nodesCreated, relationshipsCreated",
    },
    Procedure {
        name: "plenary.algo.pageRank",
        signature: "plenary.algo.pageRank(config) :: (node, score)",
        about: r#"PageRank, as networkx computes it (dangling nodes spread their share over all nodes;
  weighted when the type has a weight). dampingFactor (0.85), maxIterations (20),
  tolerance (1e-7: stop when the summed change is below n * tolerance).
  config selects the projection: nodes (a label or list of labels; default every node),
  relationships (a type or list of types; default every type; or {TYPE: {orientation:
  'NATURAL'|'REVERSE'|'UNDIRECTED', weight: 'prop'}}, a missing weight counting 1).
  Unknown keys are errors. Read-only."#,
        example: "CALL plenary.algo.pageRank({nodes: ['Country', 'Resolution'], relationships: 'VOTED'}) YIELD node, score RETURN node.name, score ORDER BY score DESC",
    },
    Procedure {
        name: "plenary.algo.degree",
        signature: "plenary.algo.degree(config) :: (node, score)",
        about: r#"Each node's out-degree in the projection (REVERSE: in-degree, UNDIRECTED: both), or
  the sum of the weights.
  config selects the projection: nodes (a label or list of labels; default every node),
  relationships (a type or list of types; default every type; or {TYPE: {orientation:
  'NATURAL'|'REVERSE'|'UNDIRECTED', weight: 'prop'}}, a missing weight counting 1).
  Unknown keys are errors. Read-only."#,
        example: "CALL plenary.algo.degree({relationships: {VOTED: {orientation: 'REVERSE'}}}) YIELD node, score RETURN node.name, score ORDER BY score DESC",
    },
    Procedure {
        name: "plenary.algo.wcc",
        signature: "plenary.algo.wcc(config) :: (node, componentId)",
        about: r#"Weakly connected components (directions ignored); componentId is the smallest id(n)
  of the component.
  config selects the projection: nodes (a label or list of labels; default every node),
  relationships (a type or list of types; default every type; or {TYPE: {orientation:
  'NATURAL'|'REVERSE'|'UNDIRECTED', weight: 'prop'}}, a missing weight counting 1).
  Unknown keys are errors. Read-only."#,
        example: "CALL plenary.algo.wcc({}) YIELD node, componentId RETURN componentId, count(*) AS size ORDER BY size DESC",
    },
    Procedure {
        name: "plenary.algo.scc",
        signature: "plenary.algo.scc(config) :: (node, componentId)",
        about: r#"Strongly connected components; componentId is the smallest id(n) of the component.
  config selects the projection: nodes (a label or list of labels; default every node),
  relationships (a type or list of types; default every type; or {TYPE: {orientation:
  'NATURAL'|'REVERSE'|'UNDIRECTED', weight: 'prop'}}, a missing weight counting 1).
  Unknown keys are errors. Read-only."#,
        example: "CALL plenary.algo.scc({}) YIELD node, componentId RETURN componentId, count(*) AS size ORDER BY size DESC",
    },
    Procedure {
        name: "plenary.algo.triangleCount",
        signature: "plenary.algo.triangleCount(config) :: (node, triangles)",
        about: r#"The triangles each node is part of, the projection read as a simple undirected graph
  (direction, parallel relationships, weights and self-loops do not count); the sum over
  all nodes is three times the graph's triangles.
  config selects the projection: nodes (a label or list of labels; default every node),
  relationships (a type or list of types; default every type; or {TYPE: {orientation:
  'NATURAL'|'REVERSE'|'UNDIRECTED', weight: 'prop'}}, a missing weight counting 1).
  Unknown keys are errors. Read-only."#,
        example: "CALL plenary.algo.triangleCount({}) YIELD node, triangles RETURN node, triangles ORDER BY triangles DESC",
    },
    Procedure {
        name: "plenary.algo.louvain",
        signature: "plenary.algo.louvain(config) :: (node, community)",
        about: r#"Louvain communities maximising (weighted) modularity, the projection read as undirected;
  nodes are visited in id order, so the answer is deterministic. resolution (1.0),
  tolerance (1e-7: the least modularity gain for another level). community is the
  smallest id(n) of the community.
  config selects the projection: nodes (a label or list of labels; default every node),
  relationships (a type or list of types; default every type; or {TYPE: {orientation:
  'NATURAL'|'REVERSE'|'UNDIRECTED', weight: 'prop'}}, a missing weight counting 1).
  Unknown keys are errors. Read-only."#,
        example: "CALL plenary.algo.louvain({}) YIELD node, community RETURN community, collect(node.name) AS members",
    },
    Procedure {
        name: "plenary.algo.dijkstra",
        signature: "plenary.algo.dijkstra(config) :: (node, cost)",
        about: r#"The cheapest path cost from source (a node, required) to every node it reaches, itself
  included at 0, by cost; with target (a node), only the target's row (none when it is
  unreachable). Unweighted relationships cost 1.
  config selects the projection: nodes (a label or list of labels; default every node),
  relationships (a type or list of types; default every type; or {TYPE: {orientation:
  'NATURAL'|'REVERSE'|'UNDIRECTED', weight: 'prop'}}, a missing weight counting 1).
  Unknown keys are errors. Read-only."#,
        example: "MATCH (s:Country {code: 'RU'}) CALL plenary.algo.dijkstra({source: s, relationships: {VOTED: {orientation: 'UNDIRECTED'}}}) YIELD node, cost RETURN node.name, cost",
    },
    Procedure {
        name: "plenary.algo.shortestPath",
        signature: "plenary.algo.shortestPath(config) :: (path, cost)",
        about: r#"One cheapest path from source to target (nodes, both required) as a path value, and
  its cost; no row when the target is unreachable. Between two nodes the cheapest of
  their relationships is taken. Unweighted relationships cost 1.
  config selects the projection: nodes (a label or list of labels; default every node),
  relationships (a type or list of types; default every type; or {TYPE: {orientation:
  'NATURAL'|'REVERSE'|'UNDIRECTED', weight: 'prop'}}, a missing weight counting 1).
  Unknown keys are errors. Read-only."#,
        example: "MATCH (s:Country {code: 'RU'}), (t:Resolution) CALL plenary.algo.shortestPath({source: s, target: t}) YIELD path, cost RETURN path, cost",
    },
];

fn procedure_text(p: &Procedure) -> String {
    format!(
        "{}
  {}
\nExample:\n  {};",
        p.signature, p.about, p.example
    )
}

/// What `:help` shows.
pub fn overview() -> String {
    let mut s = String::from(
        "Type openCypher statements ending with ';' (they may span several lines).\n\
         Tab completes keywords, functions, labels, relationship types, property keys,\n\
         variables and values ({name: '<Tab>). Ctrl-R searches the history.\n\
         Ctrl-C clears the current input, Ctrl-D or :quit leaves.\n\nCommands:\n",
    );
    for (cmd, what) in COMMANDS {
        s.push_str(&format!("  {cmd:<30} {what}\n"));
    }
    s.push_str("\nMore: :help clauses, :help functions, :help procedures, :help MATCH, :help toUpper, :help :param");
    s
}

/// Every topic `:help` knows, for completion.
pub fn topics() -> Vec<String> {
    let mut t: Vec<String> = vec!["clauses".into(), "functions".into(), "commands".into()];
    t.extend(COMMAND_NAMES.iter().map(|c| c.to_string()));
    t.extend(CLAUSES.iter().map(|c| c.name.to_string()));
    t.push("procedures".into());
    t.extend(PROCEDURES.iter().map(|p| p.name.to_string()));
    t.extend(
        FUNCTIONS
            .iter()
            .flat_map(|f| f.names.split(' '))
            .map(str::to_string),
    );
    t
}

fn clause_text(c: &Clause) -> String {
    format!("{}\n  {}\n\nExample:\n  {};", c.name, c.about, c.example)
}

fn function_text(f: &Function) -> String {
    let names: Vec<&str> = f.names.split(' ').collect();
    let mut s = format!("{}\n  {}", f.signature, f.about);
    if names.len() > 1 {
        s.push_str(&format!("\n  Also: {}", names[1..].join(", ")));
    }
    s.push_str(&format!("\n\nExample:\n  {};", f.example));
    s
}

/// `:help TOPIC`: the help text, or an error with "did you mean".
pub fn topic(query: &str) -> Result<String, String> {
    let q = query.trim().trim_end_matches("()").trim_end_matches('(');
    let norm = q.split_whitespace().collect::<Vec<_>>().join(" ");
    match norm.to_ascii_lowercase().as_str() {
        "" => return Ok(overview()),
        "clauses" => {
            let mut s = String::from("Clauses (:help NAME for an example):\n");
            for c in CLAUSES {
                s.push_str(&format!("  {:<18} {}\n", c.name, c.about));
            }
            s.pop();
            return Ok(s);
        }
        "functions" => {
            let mut s = String::from("Functions (:help NAME for an example):\n");
            for f in FUNCTIONS {
                s.push_str(&format!("  {:<48} {}\n", f.signature, f.about));
            }
            s.pop();
            return Ok(s);
        }
        "procedures" => {
            let mut s = String::from("Procedures (CALL NAME(...); :help NAME for the details):\n");
            for p in PROCEDURES {
                s.push_str(&format!("  {}\n", p.signature));
            }
            s.pop();
            return Ok(s);
        }
        "commands" => return Ok(overview()),
        _ => {}
    }
    if let Some(p) = PROCEDURES
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(&norm))
    {
        return Ok(procedure_text(p));
    }
    if let Some(c) = CLAUSES.iter().find(|c| c.name.eq_ignore_ascii_case(&norm)) {
        return Ok(clause_text(c));
    }
    if let Some(f) = FUNCTIONS
        .iter()
        .find(|f| f.names.split(' ').any(|n| n.eq_ignore_ascii_case(&norm)))
    {
        return Ok(function_text(f));
    }
    let cmd = if norm.starts_with(':') {
        norm.clone()
    } else {
        format!(":{norm}")
    };
    if let Some((usage, what)) = COMMANDS
        .iter()
        .find(|(u, _)| u.split_whitespace().next() == Some(cmd.as_str()))
    {
        return Ok(format!("{usage}\n  {what}"));
    }
    // A clause keyword inside a longer clause name: `:help detach`.
    let partial: Vec<&str> = CLAUSES
        .iter()
        .filter(|c| c.name.split(' ').any(|w| w.eq_ignore_ascii_case(&norm)))
        .map(|c| c.name)
        .collect();
    if !partial.is_empty() {
        return Err(format!(
            "no help on '{q}'; try :help {}",
            partial.join(", :help ")
        ));
    }
    let best = topics()
        .into_iter()
        .map(|t| (edit_distance(&norm.to_lowercase(), &t.to_lowercase()), t))
        .min_by_key(|(d, _)| *d);
    match best {
        Some((d, t)) if d <= 2.max(t.len() / 3) => {
            Err(format!("no help on '{q}'; did you mean :help {t}?"))
        }
        _ => Err(format!(
            "no help on '{q}' (:help clauses and :help functions list the topics)"
        )),
    }
}

/// The closest meta-command to `cmd`, if it is close enough to be a typo.
pub fn did_you_mean_command(cmd: &str) -> Option<&'static str> {
    COMMAND_NAMES
        .iter()
        .map(|c| (edit_distance(cmd, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3) || c.starts_with(cmd) && cmd.len() > 1)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

pub use plenary::edit_distance;

#[cfg(test)]
mod tests {
    use super::*;

    /// The names registered in the engine's function table, read from its
    /// source (the module is private to the library).
    fn registered() -> Vec<String> {
        let src = include_str!("../exec/functions.rs");
        let start = src.find("static FUNCS").expect("FUNCS table");
        let end = start + src[start..].find("\n];").expect("end of FUNCS");
        let re = regex::Regex::new(r#"(?:\b[sa]\(\s*|name:\s*)"([^"]+)""#).unwrap();
        let names: Vec<String> = re
            .captures_iter(&src[start..end])
            .map(|c| c[1].to_string())
            .collect();
        assert!(names.len() > 90, "parsed only {} names", names.len());
        names
    }

    #[test]
    fn every_registered_function_has_help() {
        let documented: Vec<&str> = FUNCTIONS.iter().flat_map(|f| f.names.split(' ')).collect();
        let missing: Vec<String> = registered()
            .into_iter()
            .filter(|n| !documented.contains(&n.as_str()))
            .collect();
        assert!(missing.is_empty(), "functions without help: {missing:?}");
        for n in registered() {
            assert!(topic(&n).is_ok(), "{n}");
        }
    }

    #[test]
    fn every_clause_of_the_issue_has_help() {
        for c in [
            "MATCH",
            "OPTIONAL MATCH",
            "WHERE",
            "RETURN",
            "WITH",
            "ORDER BY",
            "SKIP",
            "LIMIT",
            "UNWIND",
            "UNION",
            "CREATE",
            "MERGE",
            "SET",
            "REMOVE",
            "DELETE",
            "DETACH DELETE",
            "FOREACH",
            "CALL",
            "LOAD CSV",
            "EXPLAIN",
            "PROFILE",
            "CREATE INDEX",
            "CREATE FULLTEXT INDEX",
            "CREATE VECTOR INDEX",
            "CREATE CONSTRAINT",
            "SHOW INDEXES",
        ] {
            let t = topic(c).unwrap_or_else(|e| panic!("{c}: {e}"));
            assert!(t.contains("Example:"), "{c}");
        }
        assert!(topic("order  by").unwrap().starts_with("ORDER BY"));
        assert!(topic("optional match").is_ok());
    }

    #[test]
    fn examples_run_on_the_bundled_graph() {
        let bundled = plenary::Database::bundled().unwrap();
        for f in FUNCTIONS {
            if let Err(e) = bundled.execute(f.example) {
                panic!("{}: {}: {e}", f.names, f.example);
            }
        }
        for c in CLAUSES {
            if c.name == "LOAD CSV" {
                continue; // needs a file
            }
            // Updating examples get a fresh graph each.
            let db = plenary::Database::bundled().unwrap();
            if let Err(e) = db.execute(c.example) {
                panic!("{}: {}: {e}", c.name, c.example);
            }
        }
    }

    #[test]
    fn every_procedure_has_help_and_examples_run() {
        for p in PROCEDURES {
            assert!(
                plenary_sig(p.name),
                "{} is not a procedure of the engine",
                p.name
            );
            let t = topic(p.name).unwrap();
            assert!(t.contains("Example:"), "{}", p.name);
            if p.name.starts_with("db.") || p.name.starts_with("plenary.algo.") {
                let db = plenary::Database::bundled().unwrap();
                // the bundled graph has no vectors (plenary ships no model): give it some
                if p.name.starts_with("db.index.vector.") {
                    db.execute_script(
                        "CREATE VECTOR INDEX sentence_vectors FOR (n:Sentence) ON n.vec OPTIONS {indexConfig: {`vector.dimensions`: 3}};
                         CREATE VECTOR INDEX demand_vectors FOR ()-[r:DEMANDS]-() ON r.vec OPTIONS {indexConfig: {`vector.dimensions`: 2}};
                         MATCH (s:Sentence) SET s.vec = [toFloat(s.n), 1.0, 0.0];
                         MATCH ()-[r:DEMANDS]->() SET r.vec = [1.0, 0.5];",
                    )
                    .unwrap();
                }
                db.execute(p.example)
                    .unwrap_or_else(|e| panic!("{}: {e}", p.name));
            }
        }
        let t = topic("plenary.import.relationships").unwrap();
        for key in [
            "type",
            "from, to",
            "create",
            "properties",
            "merge",
            "delimiter",
            "batchSize",
        ] {
            assert!(t.contains(key), "{key}");
        }
        assert!(topic("procedures").unwrap().contains("db.constraints()"));
    }

    /// Whether the engine knows the procedure (an EXPLAIN of a call to it
    /// does not fail with ProcedureNotFound).
    fn plenary_sig(name: &str) -> bool {
        let db = plenary::Database::in_memory().unwrap();
        match db.execute(&format!("EXPLAIN CALL {name}()")) {
            Ok(_) => true,
            Err(e) => e.code().as_str() != "ProcedureNotFound",
        }
    }

    #[test]
    fn topics_and_typos() {
        assert!(topic("").unwrap().contains(":param NAME => EXPR"));
        assert!(topic("toUpper").unwrap().starts_with("toUpper(string)"));
        assert!(topic("upper()").unwrap().starts_with("toUpper(string)"));
        assert!(topic("DATE.truncate").is_ok());
        assert!(topic(":param").unwrap().starts_with(":param NAME"));
        assert!(topic("why").unwrap().starts_with(":why"));
        assert!(topic("functions").unwrap().contains("percentileDisc"));
        assert!(topic("clauses").unwrap().contains("DETACH DELETE"));
        assert_eq!(
            topic("tolowr").unwrap_err(),
            "no help on 'tolowr'; did you mean :help toLower?"
        );
        assert!(topic("detach").unwrap_err().contains(":help DETACH DELETE"));
        assert!(!topic("xyzzyplugh").unwrap_err().contains("did you mean"));
        assert_eq!(did_you_mean_command(":fromat"), Some(":format"));
        assert_eq!(did_you_mean_command(":parms"), Some(":params"));
        assert_eq!(did_you_mean_command(":xyzzyplugh"), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
