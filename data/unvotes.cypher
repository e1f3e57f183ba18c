// The UN General Assembly roll-call votes, 1946–2019 (Erik Voeten's data via the
// R package unvotes; see ../shared/data/unvotes/README.md), loaded into the same
// schema as the bundled graph:
//
//   (:Country {name, code})-[:VOTED {vote}]->(:Resolution {rcid, symbol, unres,
//     session, date, short, descr, important, amend, para})-[:ON_ISSUE]->(:Issue {code, name})
//   (:Resolution)-[:VOTED_IN]->(:Body {name: 'UN General Assembly'})
//
// Countries are keyed by name (three historical countries have no code) and
// resolutions by roll-call id, so this MERGEs into the bundled graph: the
// article's resolution (rcid 5180, A/RES/66/253) becomes one node with both the
// article's facts and all its recorded votes, and Russia's vote from the
// article is kept (with its source) rather than duplicated.
//
// Run from the repository root, naming the folder that holds the three files:
//   plenary run --param 'dir="../shared/data/unvotes"' data/unvotes.cypher
// (add --db un.db to keep the result; use dir=".../sample" for sessions 66–67:
// it holds plain `.csv` files, which LOAD CSV reads when the `.csv.gz` named
// here does not exist — see "Real data" in the README).

CREATE CONSTRAINT country_name IF NOT EXISTS FOR (n:Country) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT resolution_rcid IF NOT EXISTS FOR (n:Resolution) REQUIRE n.rcid IS UNIQUE;
CREATE INDEX resolution_symbol IF NOT EXISTS FOR (n:Resolution) ON (n.symbol);
CREATE INDEX country_code IF NOT EXISTS FOR (n:Country) ON (n.code);
CREATE CONSTRAINT issue_code IF NOT EXISTS FOR (n:Issue) REQUIRE n.code IS UNIQUE;
MERGE (:Body {name: 'UN General Assembly'});

// Roll calls. `R/66/253` in the data means A/RES/66/253.
LOAD CSV WITH HEADERS FROM $dir + '/roll_calls.csv.gz' AS row
CALL {
  WITH row
  MERGE (r:Resolution {rcid: toInteger(row.rcid)})
  SET r.session = toInteger(row.session),
      r.date = date(row.date),
      r.unres = row.unres,
      r.symbol = CASE WHEN row.unres STARTS WITH 'R/' THEN 'A/RES/' + substring(row.unres, 2) ELSE row.unres END,
      r.short = row.short,
      r.descr = row.descr,
      r.important = CASE row.importantvote WHEN '1' THEN true WHEN '0' THEN false END,
      r.amend = CASE row.amend WHEN '1' THEN true WHEN '0' THEN false END,
      r.para = CASE row.para WHEN '1' THEN true WHEN '0' THEN false END
  WITH r
  MATCH (ga:Body {name: 'UN General Assembly'})
  MERGE (r)-[:VOTED_IN]->(ga)
} IN TRANSACTIONS OF 10000 ROWS;

// Issues: six topics; a roll call may have several.
LOAD CSV WITH HEADERS FROM $dir + '/issues.csv.gz' AS row
CALL {
  WITH row
  MERGE (i:Issue {code: row.short_name}) ON CREATE SET i.name = row.issue
  WITH i, row
  MATCH (r:Resolution {rcid: toInteger(row.rcid)})
  MERGE (r)-[:ON_ISSUE]->(i)
} IN TRANSACTIONS OF 10000 ROWS;

// Votes: 870,109 rows, loaded by plenary's bulk import (about five times
// faster than the Cypher below). Countries are created on first sight, keyed
// by name, with their code set only when created; votes are merged, so
// Russia's vote from the article is kept rather than duplicated.
CALL plenary.import.relationships($dir + '/votes.csv.gz', {
  type: 'VOTED',
  from: {label: 'Country', key: 'name', column: 'country', create: true, properties: {code: 'country_code'}},
  to:   {label: 'Resolution', key: 'rcid', column: 'rcid', as: 'INTEGER'},
  properties: {vote: 'vote'},
  merge: true,
  batchSize: 10000
});
// The same in portable Cypher — it gives the same graph, and runs on Neo4j
// and Memgraph (and on plenary, more slowly):
//
// LOAD CSV WITH HEADERS FROM $dir + '/votes.csv.gz' AS row
// CALL {
//   WITH row
//   MERGE (c:Country {name: row.country}) ON CREATE SET c.code = row.country_code
//   WITH c, row
//   MATCH (r:Resolution {rcid: toInteger(row.rcid)})
//   MERGE (c)-[v:VOTED]->(r) ON CREATE SET v.vote = row.vote
// } IN TRANSACTIONS OF 10000 ROWS;
