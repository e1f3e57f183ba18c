// =============================================================================
// plenary bundled knowledge graph
// Source: news article /work/shared/seed/article.txt (UN General Assembly
// resolution on Syria, published 2012-02-16, a Thursday), plus three outside
// documents for facts the article does not state (see section 2).
// Schema, conventions and judgement calls: data/README.md.
// Provenance: every fact node and every fact relationship has a `sources`
// list of Sentence ids ('s1'..'s18') and/or outside Document ids
// ('unvotes', 'iso3166', 'un-ga11207'); a property taken from an outside
// document is also named in a `<property>_sources` list on the same node.
// (:Sentence)-[:MENTIONS]->(fact) and (:Document)-[:MENTIONS]->(fact) edges are
// derived from `sources` at the end of this script.
// Plain openCypher (Neo4j 5): CREATE / MATCH ... CREATE / UNWIND only.
// =============================================================================

// -----------------------------------------------------------------------------
// 1. Constraints and indexes
// Country.code is only indexed, not unique: the unvotes import has three
// historical countries without a code, and an importer may write '' for them.
// -----------------------------------------------------------------------------
CREATE CONSTRAINT country_name IF NOT EXISTS FOR (n:Country) REQUIRE n.name IS UNIQUE;
CREATE INDEX resolution_symbol IF NOT EXISTS FOR (n:Resolution) ON (n.symbol);
CREATE CONSTRAINT resolution_rcid IF NOT EXISTS FOR (n:Resolution) REQUIRE n.rcid IS UNIQUE;
CREATE CONSTRAINT resolution_id IF NOT EXISTS FOR (n:Resolution) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_name IF NOT EXISTS FOR (n:Person) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT body_name IF NOT EXISTS FOR (n:Body) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT group_name IF NOT EXISTS FOR (n:Group) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (n:Statement) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sentence_id IF NOT EXISTS FOR (n:Sentence) REQUIRE n.id IS UNIQUE;
CREATE INDEX country_code IF NOT EXISTS FOR (n:Country) ON (n.code);
CREATE INDEX resolution_unres IF NOT EXISTS FOR (n:Resolution) ON (n.unres);
CREATE INDEX statement_stance IF NOT EXISTS FOR (n:Statement) ON (n.stance);
CREATE INDEX sentence_n IF NOT EXISTS FOR (n:Sentence) ON (n.n);
// Full-text search over the article's sentences and the statements in them
// (CALL db.index.fulltext.queryNodes('search', 'peacekeep*') YIELD node, score).
CREATE FULLTEXT INDEX search IF NOT EXISTS FOR (n:Sentence|Statement) ON EACH [n.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};
// ... and over the wording of demands and blame on relationships
// (CALL db.index.fulltext.queryRelationships('demands_and_blame', 'violen*')).
CREATE FULLTEXT INDEX demands_and_blame IF NOT EXISTS FOR ()-[r:DEMANDS|BLAMED]-() ON EACH [r.demand, r.blamed_for] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};

// -----------------------------------------------------------------------------
// 2. Documents: the article and the outside sources
// -----------------------------------------------------------------------------
// The article. The seed file has no headline: `title` is descriptive, ours.
// Its text is not stored here; it is the sentences in order (section 3).
CREATE (:Document {id: 'article', kind: 'news article', title: 'UN General Assembly passes resolution on Syria', published: date('2012-02-16'), published_weekday: 'Thursday', path: 'shared/seed/article.txt', paragraphs: 17, sentences: 18});
// Roll-call data: symbol, rcid, unres, session, title and the 17 abstentions of A/RES/66/253.
CREATE (:Document {id: 'unvotes', kind: 'data set', title: 'United Nations General Assembly Voting Data', author: 'Erik Voeten', handle: 'hdl:1902.1/12379', licence: 'CC0', via: 'R package unvotes by David Robinson, commit 7eb7034314ff79c49c9e0785fcd9d216fa04cf14', path: 'shared/data/unvotes', url: 'https://github.com/dgrtwo/unvotes'});
// Country codes.
CREATE (:Document {id: 'iso3166', kind: 'standard', title: 'ISO 3166-1 alpha-2 country codes', author: 'International Organization for Standardization'});
// UN press release of the meeting: Jaafari as Syria's representative at the UN, date of the session.
CREATE (:Document {id: 'un-ga11207', kind: 'press release', title: 'General Assembly Adopts Resolution Strongly Condemning ‘Widespread and Systematic’ Human Rights Violations by Syrian Authorities', symbol: 'GA/11207', author: 'UN Department of Public Information', published: date('2012-02-16'), url: 'https://press.un.org/en/2012/ga11207.doc.htm'});

// -----------------------------------------------------------------------------
// 3. Sentences of the article (17 paragraphs -> 18 sentences; only paragraph 7
// holds two sentences; quotations joined by "…" stay one sentence).
// `text` is the exact text of the seed file, `paragraph` its paragraph.
// -----------------------------------------------------------------------------
CREATE (:Sentence {id: 's1', n: 1, paragraph: 1, text: 'The United Nations on Thursday passed a resolution on Syria condemning the brutal government crackdown on dissent by the regime of President Bashar al-Assad.'});
CREATE (:Sentence {id: 's2', n: 2, paragraph: 2, text: 'The resolution passed the General Assembly - rather than the Security Council where China and Russia have thwarted moves against Syria - with 137 nations in favor and only 12 opposed.'});
CREATE (:Sentence {id: 's3', n: 3, paragraph: 3, text: 'Introduced by Egypt on behalf of 27 other countries, including Arab states, Britain and the United States, the resolution condemns “systematic human rights violations” in Syria.'});
CREATE (:Sentence {id: 's4', n: 4, paragraph: 4, text: 'The General Assembly is expected to next demand Syria immediately adopt an Arab League blueprint to calm the uprising, to “cease all violence” against civilians and return security forces to their barracks.'});
CREATE (:Sentence {id: 's5', n: 5, paragraph: 5, text: "Russia opposed the resolution, saying it fails to equally criticize the armed opposition mounted the Syrian Free Army that has risen up against Assad's regime in recent months."});
CREATE (:Sentence {id: 's6', n: 6, paragraph: 6, text: 'Deputy Foreign Minister Gennady Gatilov said resolution differs little from a draft U.N. Security Council resolution that Russia and China vetoed earlier this month.'});
CREATE (:Sentence {id: 's7', n: 7, paragraph: 7, text: '“We can’t vote for that resolution, because it still remains unbalanced,” Gatilov told Russian news agencies.'});
CREATE (:Sentence {id: 's8', n: 8, paragraph: 7, text: '“It directs all the demands at the government, and says nothing about the opposition.”'});
CREATE (:Sentence {id: 's9', n: 9, paragraph: 8, text: 'Arab countries, who have called for a UN peacekeeping mission to Syria, have rejected amendments to the resolution proposed by Russia.'});
CREATE (:Sentence {id: 's10', n: 10, paragraph: 9, text: 'Gatilov said a UN Security Council resolution would be required to send any UN peacekeepers to Syria.'});
CREATE (:Sentence {id: 's11', n: 11, paragraph: 10, text: 'Russia had warned that it would block any UN resolution calling for Assad to step down over his crackdown on an 11-month uprising estimated to have killed over 5,400 people.'});
CREATE (:Sentence {id: 's12', n: 12, paragraph: 11, text: 'Syrian ambassador Bashar Jaafari criticized the Arab bloc during the session as being “countries that do not want to help in reaching a peaceful solution for Syria.”'});
CREATE (:Sentence {id: 's13', n: 13, paragraph: 12, text: '“Arab League resolutions violate the sovereignty of Syria and conflict international laws … The Arab League are competing with enemies of the Arab world with its criticism of Syria,” Jaafari added.'});
CREATE (:Sentence {id: 's14', n: 14, paragraph: 13, text: '“What is happening in the region does not benefit any country other than Israel … We hope that the United Nations assists Syria in the face of extremism and terrorism.”'});
CREATE (:Sentence {id: 's15', n: 15, paragraph: 14, text: "Assad's regime has repeatedly blamed terrorists - specifically naming al-Qaeda - for the violent episodes the country has witnessed since anti-government protests erupted last year."});
CREATE (:Sentence {id: 's16', n: 16, paragraph: 15, text: 'However, while there have been several high profile bombings in Syria that killed hundreds in recent months, the Syrian Free Army is not believed to have carried them out.'});
CREATE (:Sentence {id: 's17', n: 17, paragraph: 16, text: "Critics of Assad's regime say his intelligence forces staged the bombings as false flag operations intended to garner sympathy for the regime and justify the continued crackdown."});
CREATE (:Sentence {id: 's18', n: 18, paragraph: 17, text: 'General Assembly resolutions cannot be vetoed and are nonbinding, but they can form populist global perceptions on major issues.'});
// Document -> its sentences, and each sentence -> the next one.
MATCH (d:Document {id: 'article'}) UNWIND ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 's12', 's13', 's14', 's15', 's16', 's17', 's18'] AS sid MATCH (s:Sentence {id: sid}) CREATE (d)-[:HAS_SENTENCE]->(s);
UNWIND [{a: 's1', b: 's2'}, {a: 's2', b: 's3'}, {a: 's3', b: 's4'}, {a: 's4', b: 's5'}, {a: 's5', b: 's6'}, {a: 's6', b: 's7'}, {a: 's7', b: 's8'}, {a: 's8', b: 's9'}, {a: 's9', b: 's10'}, {a: 's10', b: 's11'}, {a: 's11', b: 's12'}, {a: 's12', b: 's13'}, {a: 's13', b: 's14'}, {a: 's14', b: 's15'}, {a: 's15', b: 's16'}, {a: 's16', b: 's17'}, {a: 's17', b: 's18'}] AS p MATCH (a:Sentence {id: p.a}), (b:Sentence {id: p.b}) CREATE (a)-[:NEXT]->(b);

// -----------------------------------------------------------------------------
// 4. Countries. `name` as the unvotes data writes it (the join key of the
// roll-call import), `code` ISO 3166-1 alpha-2, `mentioned_as` the article's
// wording. `sources`: the sentences naming the country + the outside documents.
// -----------------------------------------------------------------------------
CREATE (:Country {name: 'Syria', code: 'SY', mentioned_as: ['Syria'], sources: ['s1', 's2', 's3', 's4', 's9', 's10', 's12', 's13', 's14', 's16', 'unvotes', 'iso3166'], name_sources: ['unvotes'], code_sources: ['iso3166', 'unvotes']});
CREATE (:Country {name: 'Russia', code: 'RU', mentioned_as: ['Russia'], sources: ['s2', 's5', 's6', 's9', 's11', 'unvotes', 'iso3166'], name_sources: ['unvotes'], code_sources: ['iso3166', 'unvotes']});
CREATE (:Country {name: 'China', code: 'CN', mentioned_as: ['China'], sources: ['s2', 's6', 'unvotes', 'iso3166'], name_sources: ['unvotes'], code_sources: ['iso3166', 'unvotes']});
CREATE (:Country {name: 'Egypt', code: 'EG', mentioned_as: ['Egypt'], sources: ['s3', 'unvotes', 'iso3166'], name_sources: ['unvotes'], code_sources: ['iso3166', 'unvotes']});
CREATE (:Country {name: 'United Kingdom', code: 'GB', mentioned_as: ['Britain'], sources: ['s3', 'unvotes', 'iso3166'], name_sources: ['unvotes'], code_sources: ['iso3166', 'unvotes']});
CREATE (:Country {name: 'United States', code: 'US', mentioned_as: ['the United States'], sources: ['s3', 'unvotes', 'iso3166'], name_sources: ['unvotes'], code_sources: ['iso3166', 'unvotes']});
CREATE (:Country {name: 'Israel', code: 'IL', mentioned_as: ['Israel'], sources: ['s14', 'unvotes', 'iso3166'], name_sources: ['unvotes'], code_sources: ['iso3166', 'unvotes']});

// -----------------------------------------------------------------------------
// 5. Bodies
// -----------------------------------------------------------------------------
CREATE (:Body {name: 'United Nations', kind: 'international organization', mentioned_as: ['The United Nations', 'UN', 'U.N.'], sources: ['s1', 's6', 's9', 's10', 's11', 's14']});
// s18: "General Assembly resolutions cannot be vetoed and are nonbinding, but they can form populist global perceptions on major issues."
CREATE (:Body {name: 'UN General Assembly', kind: 'UN organ', mentioned_as: ['the General Assembly'], resolutions_can_be_vetoed: false, resolutions_binding: false, resolutions_can: 'form populist global perceptions on major issues', sources: ['s2', 's4', 's18']});
CREATE (:Body {name: 'UN Security Council', kind: 'UN organ', mentioned_as: ['the Security Council', 'U.N. Security Council', 'UN Security Council'], sources: ['s2', 's6', 's10']});
CREATE (:Body {name: 'Arab League', kind: 'regional organization', mentioned_as: ['Arab League', 'The Arab League'], sources: ['s4', 's13']});

// -----------------------------------------------------------------------------
// 6. Resolutions, drafts, amendments and the Arab League plan (all :Resolution,
// told apart by `kind`; `status` adopted / vetoed / rejected / proposed).
// -----------------------------------------------------------------------------
// The General Assembly resolution. Article: s1 (passed on Thursday), s2 (137 for,
// 12 opposed), s3 (introduced by Egypt for 27 others, condemns), s5-s9 (opposed,
// "that resolution", "It directs ...", amendments). unvotes: symbol, rcid, unres,
// session, title, the 17 abstentions.
CREATE (:Resolution {id: 'res-ga-66-253', name: 'UN General Assembly resolution on Syria', kind: 'resolution', status: 'adopted', date: date('2012-02-16'), when_text: 'on Thursday', yes: 137, no: 12, abstain: 17, on_behalf_of_count: 27, symbol: 'A/RES/66/253', rcid: 5180, unres: 'R/66/253', session: 66, title: 'The situation in the Syrian Arab Republic', sources: ['s1', 's2', 's3', 's5', 's6', 's7', 's8', 's9', 'unvotes'], symbol_sources: ['unvotes'], rcid_sources: ['unvotes'], unres_sources: ['unvotes'], session_sources: ['unvotes'], title_sources: ['unvotes'], abstain_sources: ['unvotes']});
// The Security Council draft vetoed "earlier this month" (February 2012, before the 16th).
CREATE (:Resolution {id: 'res-sc-draft', name: 'Draft UN Security Council resolution on Syria', kind: 'draft resolution', status: 'vetoed', month: '2012-02', date_earliest: date('2012-02-01'), date_latest: date('2012-02-15'), when_text: 'earlier this month', sources: ['s6']});
// Russia's amendments to the General Assembly resolution, rejected by Arab countries.
CREATE (:Resolution {id: 'res-russian-amendments', name: 'Russian amendments to the General Assembly resolution', kind: 'amendments', status: 'rejected', sources: ['s9']});
// The Arab League blueprint the General Assembly is expected to demand Syria adopt.
CREATE (:Resolution {id: 'plan-arab-league', name: 'Arab League blueprint', kind: 'plan', status: 'proposed', purpose: 'to calm the uprising', sources: ['s4']});

// -----------------------------------------------------------------------------
// 7. People
// -----------------------------------------------------------------------------
CREATE (:Person {name: 'Bashar al-Assad', role: 'President of Syria', mentioned_as: ['President Bashar al-Assad', 'Assad'], sources: ['s1', 's5', 's11', 's15', 's17']});
CREATE (:Person {name: 'Gennady Gatilov', role: 'Deputy Foreign Minister', mentioned_as: ['Deputy Foreign Minister Gennady Gatilov', 'Gatilov'], sources: ['s6', 's7', 's10']});
CREATE (:Person {name: 'Bashar Jaafari', role: 'Syrian ambassador to the United Nations', mentioned_as: ['Syrian ambassador Bashar Jaafari', 'Jaafari'], sources: ['s12', 's13', 'un-ga11207'], role_sources: ['s12', 'un-ga11207']});

// -----------------------------------------------------------------------------
// 8. Groups: blocs, the regime and its forces, armed groups, critics, media
// -----------------------------------------------------------------------------
// "Arab states" (s3), "Arab countries" (s9) and "the Arab bloc" (s12): one group.
CREATE (:Group {name: 'Arab states', kind: 'bloc', mentioned_as: ['Arab states', 'Arab countries', 'the Arab bloc'], sources: ['s3', 's9', 's12']});
CREATE (:Group {name: 'Assad regime', kind: 'government', mentioned_as: ['the regime of President Bashar al-Assad', "Assad's regime", 'the government', 'the regime'], sources: ['s1', 's5', 's8', 's15', 's17']});
CREATE (:Group {name: 'intelligence forces', kind: 'security service', mentioned_as: ['his intelligence forces'], sources: ['s17']});
CREATE (:Group {name: 'Syrian Free Army', kind: 'armed opposition', mentioned_as: ['the armed opposition', 'the Syrian Free Army', 'the opposition'], when_text: "has risen up against Assad's regime in recent months", sources: ['s5', 's8', 's16']});
CREATE (:Group {name: 'terrorists', kind: 'alleged terrorists', mentioned_as: ['terrorists'], sources: ['s15']});
CREATE (:Group {name: 'al-Qaeda', kind: 'alleged terrorists', mentioned_as: ['al-Qaeda'], sources: ['s15']});
CREATE (:Group {name: 'critics of the Assad regime', kind: 'critics', mentioned_as: ["Critics of Assad's regime"], sources: ['s17']});
CREATE (:Group {name: 'Russian news agencies', kind: 'news media', mentioned_as: ['Russian news agencies'], sources: ['s7']});

// -----------------------------------------------------------------------------
// 9. Events (stable `id`; relative dates resolved against 2012-02-16, the
// article's wording kept in `when_text`)
// -----------------------------------------------------------------------------
CREATE (:Event {id: 'ev-uprising', name: 'uprising in Syria', kind: 'uprising', duration_months: 11, duration_text: '11-month', killed_over: 5400, killed_text: 'estimated to have killed over 5,400 people', sources: ['s4', 's11']});
CREATE (:Event {id: 'ev-crackdown', name: 'government crackdown on dissent', kind: 'crackdown', described_as: ['brutal', 'continued'], sources: ['s1', 's11', 's17']});
CREATE (:Event {id: 'ev-human-rights-violations', name: 'systematic human rights violations in Syria', kind: 'human rights violations', sources: ['s3']});
CREATE (:Event {id: 'ev-protests', name: 'anti-government protests', kind: 'protests', year: 2011, date_earliest: date('2011-01-01'), date_latest: date('2011-12-31'), when_text: 'erupted last year', sources: ['s15']});
CREATE (:Event {id: 'ev-violent-episodes', name: 'violent episodes in Syria', kind: 'violence', date_earliest: date('2011-01-01'), when_text: 'since anti-government protests erupted last year', sources: ['s15']});
CREATE (:Event {id: 'ev-bombings', name: 'high profile bombings in Syria', kind: 'bombings', count_text: 'several', killed_text: 'killed hundreds', date_latest: date('2012-02-16'), when_text: 'in recent months', sources: ['s16', 's17']});
CREATE (:Event {id: 'ev-peacekeeping-mission', name: 'UN peacekeeping mission to Syria', kind: 'peacekeeping mission', status: 'called for', sources: ['s9', 's10']});
CREATE (:Event {id: 'ev-ga-session', name: 'UN General Assembly session on Syria', kind: 'session', date: date('2012-02-16'), when_text: 'during the session', sources: ['s1', 's2', 's12', 'un-ga11207'], date_sources: ['s1', 'un-ga11207']});

// -----------------------------------------------------------------------------
// 10. Statements: every quotation (kind 'quote', `text` = the characters between
// the quotation marks, less a comma that only leads into "Gatilov told" /
// "Jaafari added") and every reported claim (kind 'claim', `text` = the
// reported words as the article gives them). `stance` toward what it is ABOUT.
// `attribution`: 'explicit', 'by context' (the speaker is named in the sentence
// before) or 'none' (the article reports it in the passive).
// -----------------------------------------------------------------------------
CREATE (:Statement {id: 'st-s5', kind: 'claim', stance: 'criticizes', attribution: 'explicit', text: "it fails to equally criticize the armed opposition mounted the Syrian Free Army that has risen up against Assad's regime in recent months", sources: ['s5']});
CREATE (:Statement {id: 'st-s6', kind: 'claim', stance: 'criticizes', attribution: 'explicit', text: 'resolution differs little from a draft U.N. Security Council resolution that Russia and China vetoed earlier this month', sources: ['s6']});
CREATE (:Statement {id: 'st-s7', kind: 'quote', stance: 'opposes', attribution: 'explicit', text: 'We can’t vote for that resolution, because it still remains unbalanced', sources: ['s7']});
CREATE (:Statement {id: 'st-s8', kind: 'quote', stance: 'criticizes', attribution: 'by context', text: 'It directs all the demands at the government, and says nothing about the opposition.', sources: ['s7', 's8']});
CREATE (:Statement {id: 'st-s10', kind: 'claim', stance: 'asserts', attribution: 'explicit', text: 'a UN Security Council resolution would be required to send any UN peacekeepers to Syria', sources: ['s10']});
CREATE (:Statement {id: 'st-s11', kind: 'claim', stance: 'warns', attribution: 'explicit', text: 'it would block any UN resolution calling for Assad to step down over his crackdown', when_text: 'had warned', date_latest: date('2012-02-16'), sources: ['s11']});
CREATE (:Statement {id: 'st-s12', kind: 'quote', stance: 'criticizes', attribution: 'explicit', text: 'countries that do not want to help in reaching a peaceful solution for Syria.', sources: ['s12']});
CREATE (:Statement {id: 'st-s13', kind: 'quote', stance: 'criticizes', attribution: 'explicit', text: 'Arab League resolutions violate the sovereignty of Syria and conflict international laws … The Arab League are competing with enemies of the Arab world with its criticism of Syria', sources: ['s13']});
CREATE (:Statement {id: 'st-s14', kind: 'quote', stance: 'appeals', attribution: 'by context', text: 'What is happening in the region does not benefit any country other than Israel … We hope that the United Nations assists Syria in the face of extremism and terrorism.', sources: ['s13', 's14']});
CREATE (:Statement {id: 'st-s15', kind: 'claim', stance: 'blames', attribution: 'explicit', text: 'blamed terrorists - specifically naming al-Qaeda - for the violent episodes the country has witnessed since anti-government protests erupted last year', repeatedly: true, sources: ['s15']});
CREATE (:Statement {id: 'st-s16', kind: 'claim', stance: 'doubts', attribution: 'none', text: 'the Syrian Free Army is not believed to have carried them out', sources: ['s16']});
CREATE (:Statement {id: 'st-s17', kind: 'claim', stance: 'blames', attribution: 'explicit', text: 'his intelligence forces staged the bombings as false flag operations intended to garner sympathy for the regime and justify the continued crackdown', sources: ['s17']});

// =============================================================================
// 11. Relationships. Each carries `sources` like the nodes.
// =============================================================================

// --- The UN and its organs ---------------------------------------------------
MATCH (a:Body {name: 'UN General Assembly'}), (b:Body {name: 'United Nations'}) CREATE (a)-[:PART_OF {sources: ['s1', 's2']}]->(b);
MATCH (a:Body {name: 'UN Security Council'}), (b:Body {name: 'United Nations'}) CREATE (a)-[:PART_OF {sources: ['s6', 's10']}]->(b);

// --- The General Assembly resolution -----------------------------------------
MATCH (b:Body {name: 'UN General Assembly'}), (r:Resolution {id: 'res-ga-66-253'}) CREATE (b)-[:ADOPTED {date: date('2012-02-16'), when_text: 'on Thursday', yes: 137, no: 12, sources: ['s1', 's2']}]->(r);
MATCH (r:Resolution {id: 'res-ga-66-253'}), (b:Body {name: 'UN General Assembly'}) CREATE (r)-[:CONSIDERED_BY {sources: ['s2']}]->(b);
MATCH (r:Resolution {id: 'res-ga-66-253'}), (c:Country {name: 'Syria'}) CREATE (r)-[:ABOUT {sources: ['s1']}]->(c);
MATCH (c:Country {name: 'Egypt'}), (r:Resolution {id: 'res-ga-66-253'}) CREATE (c)-[:INTRODUCED {sources: ['s3']}]->(r);
// "on behalf of 27 other countries, including Arab states, Britain and the United States"
MATCH (c:Country {name: 'Egypt'}), (x:Group {name: 'Arab states'}) CREATE (c)-[:ON_BEHALF_OF {sources: ['s3']}]->(x);
MATCH (c:Country {name: 'Egypt'}), (x:Country {name: 'United Kingdom'}) CREATE (c)-[:ON_BEHALF_OF {sources: ['s3']}]->(x);
MATCH (c:Country {name: 'Egypt'}), (x:Country {name: 'United States'}) CREATE (c)-[:ON_BEHALF_OF {sources: ['s3']}]->(x);
MATCH (x:Group {name: 'Arab states'}), (r:Resolution {id: 'res-ga-66-253'}) CREATE (x)-[:SPONSORED {sources: ['s3']}]->(r);
MATCH (x:Country {name: 'United Kingdom'}), (r:Resolution {id: 'res-ga-66-253'}) CREATE (x)-[:SPONSORED {sources: ['s3']}]->(r);
MATCH (x:Country {name: 'United States'}), (r:Resolution {id: 'res-ga-66-253'}) CREATE (x)-[:SPONSORED {sources: ['s3']}]->(r);
MATCH (r:Resolution {id: 'res-ga-66-253'}), (e:Event {id: 'ev-crackdown'}) CREATE (r)-[:CONDEMNS {described_as: 'brutal government crackdown on dissent', sources: ['s1']}]->(e);
MATCH (r:Resolution {id: 'res-ga-66-253'}), (e:Event {id: 'ev-human-rights-violations'}) CREATE (r)-[:CONDEMNS {quote: 'systematic human rights violations', sources: ['s3']}]->(e);
// Russia's stance and vote (the only vote the article states; the roll-call import adds all 166).
MATCH (c:Country {name: 'Russia'}), (r:Resolution {id: 'res-ga-66-253'}) CREATE (c)-[:OPPOSED {sources: ['s5']}]->(r);
MATCH (c:Country {name: 'Russia'}), (r:Resolution {id: 'res-ga-66-253'}) CREATE (c)-[:VOTED {vote: 'no', sources: ['s5']}]->(r);

// --- What the General Assembly is expected to demand next (s4) ---------------
MATCH (b:Body {name: 'UN General Assembly'}), (c:Country {name: 'Syria'}) CREATE (b)-[:DEMANDS {demand: 'immediately adopt an Arab League blueprint to calm the uprising', expected: true, when_text: 'next', sources: ['s4']}]->(c);
MATCH (b:Body {name: 'UN General Assembly'}), (c:Country {name: 'Syria'}) CREATE (b)-[:DEMANDS {demand: '“cease all violence” against civilians', expected: true, when_text: 'next', sources: ['s4']}]->(c);
MATCH (b:Body {name: 'UN General Assembly'}), (c:Country {name: 'Syria'}) CREATE (b)-[:DEMANDS {demand: 'return security forces to their barracks', expected: true, when_text: 'next', sources: ['s4']}]->(c);

// --- The Arab League plan ----------------------------------------------------
MATCH (b:Body {name: 'Arab League'}), (r:Resolution {id: 'plan-arab-league'}) CREATE (b)-[:PROPOSED {sources: ['s4']}]->(r);
MATCH (r:Resolution {id: 'plan-arab-league'}), (e:Event {id: 'ev-uprising'}) CREATE (r)-[:AIMS_TO_CALM {sources: ['s4']}]->(e);

// --- The Security Council draft ----------------------------------------------
MATCH (r:Resolution {id: 'res-sc-draft'}), (b:Body {name: 'UN Security Council'}) CREATE (r)-[:CONSIDERED_BY {sources: ['s6']}]->(b);
MATCH (c:Country {name: 'Russia'}), (r:Resolution {id: 'res-sc-draft'}) CREATE (c)-[:VETOED {month: '2012-02', date_earliest: date('2012-02-01'), date_latest: date('2012-02-15'), when_text: 'earlier this month', sources: ['s6']}]->(r);
MATCH (c:Country {name: 'China'}), (r:Resolution {id: 'res-sc-draft'}) CREATE (c)-[:VETOED {month: '2012-02', date_earliest: date('2012-02-01'), date_latest: date('2012-02-15'), when_text: 'earlier this month', sources: ['s6']}]->(r);
// s2: "the Security Council where China and Russia have thwarted moves against Syria"
MATCH (c:Country {name: 'China'}), (b:Body {name: 'UN Security Council'}) CREATE (c)-[:THWARTED_MOVES_IN {against: 'Syria', sources: ['s2']}]->(b);
MATCH (c:Country {name: 'Russia'}), (b:Body {name: 'UN Security Council'}) CREATE (c)-[:THWARTED_MOVES_IN {against: 'Syria', sources: ['s2']}]->(b);

// --- Russia's amendments and the Arab states (s9) ----------------------------
MATCH (c:Country {name: 'Russia'}), (r:Resolution {id: 'res-russian-amendments'}) CREATE (c)-[:PROPOSED {sources: ['s9']}]->(r);
MATCH (r:Resolution {id: 'res-russian-amendments'}), (t:Resolution {id: 'res-ga-66-253'}) CREATE (r)-[:AMENDS {sources: ['s9']}]->(t);
MATCH (g:Group {name: 'Arab states'}), (r:Resolution {id: 'res-russian-amendments'}) CREATE (g)-[:REJECTED {sources: ['s9']}]->(r);
MATCH (g:Group {name: 'Arab states'}), (e:Event {id: 'ev-peacekeeping-mission'}) CREATE (g)-[:CALLED_FOR {sources: ['s9']}]->(e);

// --- People: who they are ----------------------------------------------------
MATCH (p:Person {name: 'Bashar al-Assad'}), (c:Country {name: 'Syria'}) CREATE (p)-[:LEADS {role: 'President', sources: ['s1']}]->(c);
MATCH (p:Person {name: 'Bashar al-Assad'}), (g:Group {name: 'Assad regime'}) CREATE (p)-[:LEADS {sources: ['s1']}]->(g);
MATCH (p:Person {name: 'Gennady Gatilov'}), (c:Country {name: 'Russia'}) CREATE (p)-[:REPRESENTS {role: 'Deputy Foreign Minister', sources: ['s5', 's6', 's7']}]->(c);
MATCH (p:Person {name: 'Bashar Jaafari'}), (c:Country {name: 'Syria'}) CREATE (p)-[:REPRESENTS {role: 'ambassador', sources: ['s12']}]->(c);
MATCH (p:Person {name: 'Bashar Jaafari'}), (b:Body {name: 'United Nations'}) CREATE (p)-[:AMBASSADOR_TO {sources: ['un-ga11207']}]->(b);
MATCH (p:Person {name: 'Bashar Jaafari'}), (g:Group {name: 'Arab states'}) CREATE (p)-[:CRITICIZED {when_text: 'during the session', sources: ['s12']}]->(g);

// --- Groups and events -------------------------------------------------------
MATCH (g:Group {name: 'Assad regime'}), (c:Country {name: 'Syria'}) CREATE (g)-[:GOVERNS {sources: ['s1']}]->(c);
MATCH (g:Group {name: 'intelligence forces'}), (r:Group {name: 'Assad regime'}) CREATE (g)-[:PART_OF {sources: ['s17']}]->(r);
MATCH (g:Group {name: 'Russian news agencies'}), (c:Country {name: 'Russia'}) CREATE (g)-[:BASED_IN {sources: ['s7']}]->(c);
MATCH (g:Group {name: 'Syrian Free Army'}), (r:Group {name: 'Assad regime'}) CREATE (g)-[:RISEN_UP_AGAINST {when_text: 'in recent months', date_latest: date('2012-02-16'), sources: ['s5']}]->(r);
MATCH (g:Group {name: 'critics of the Assad regime'}), (r:Group {name: 'Assad regime'}) CREATE (g)-[:CRITICIZED {sources: ['s17']}]->(r);
MATCH (g:Group {name: 'Assad regime'}), (e:Event {id: 'ev-crackdown'}) CREATE (g)-[:CARRIED_OUT {sources: ['s1']}]->(e);
MATCH (e:Event {id: 'ev-crackdown'}), (u:Event {id: 'ev-uprising'}) CREATE (e)-[:AGAINST {sources: ['s11']}]->(u);
MATCH (e:Event {id: 'ev-violent-episodes'}), (p:Event {id: 'ev-protests'}) CREATE (e)-[:SINCE {sources: ['s15']}]->(p);
// Who blamed whom. The regime's blame (s15) and the critics' (s17) are claims: each
// also has its Statement (st-s15, st-s17) with the full wording.
MATCH (g:Group {name: 'Assad regime'}), (t:Group {name: 'terrorists'}) CREATE (g)-[:BLAMED {blamed_for: 'the violent episodes', repeatedly: true, statement: 'st-s15', sources: ['s15']}]->(t);
MATCH (g:Group {name: 'Assad regime'}), (t:Group {name: 'al-Qaeda'}) CREATE (g)-[:BLAMED {blamed_for: 'the violent episodes', repeatedly: true, named_specifically: true, statement: 'st-s15', sources: ['s15']}]->(t);
MATCH (g:Group {name: 'critics of the Assad regime'}), (t:Group {name: 'intelligence forces'}) CREATE (g)-[:BLAMED {blamed_for: 'staging the bombings as false flag operations', statement: 'st-s17', sources: ['s17']}]->(t);
// Where events happen (or, for the mission, would happen).
UNWIND [{e: 'ev-uprising', s: ['s4', 's11']}, {e: 'ev-crackdown', s: ['s1']}, {e: 'ev-human-rights-violations', s: ['s3']}, {e: 'ev-protests', s: ['s15']}, {e: 'ev-violent-episodes', s: ['s15']}, {e: 'ev-bombings', s: ['s16']}, {e: 'ev-peacekeeping-mission', s: ['s9', 's10']}] AS row MATCH (e:Event {id: row.e}), (c:Country {name: 'Syria'}) CREATE (e)-[:LOCATED_IN {sources: row.s}]->(c);
MATCH (e:Event {id: 'ev-ga-session'}), (b:Body {name: 'UN General Assembly'}) CREATE (e)-[:HELD_BY {sources: ['s1', 's2', 's12']}]->(b);

// --- Statements: who said it, to whom, where ---------------------------------
UNWIND [{st: 'st-s6', s: ['s6']}, {st: 'st-s7', s: ['s7']}, {st: 'st-s8', s: ['s7', 's8']}, {st: 'st-s10', s: ['s10']}] AS row MATCH (p:Person {name: 'Gennady Gatilov'}), (st:Statement {id: row.st}) CREATE (p)-[:SAID {sources: row.s}]->(st);
UNWIND [{st: 'st-s12', s: ['s12']}, {st: 'st-s13', s: ['s13']}, {st: 'st-s14', s: ['s13', 's14']}] AS row MATCH (p:Person {name: 'Bashar Jaafari'}), (st:Statement {id: row.st}) CREATE (p)-[:SAID {sources: row.s}]->(st);
UNWIND [{st: 'st-s5', s: ['s5']}, {st: 'st-s11', s: ['s11']}] AS row MATCH (c:Country {name: 'Russia'}), (st:Statement {id: row.st}) CREATE (c)-[:SAID {sources: row.s}]->(st);
MATCH (g:Group {name: 'Assad regime'}), (st:Statement {id: 'st-s15'}) CREATE (g)-[:SAID {sources: ['s15']}]->(st);
MATCH (g:Group {name: 'critics of the Assad regime'}), (st:Statement {id: 'st-s17'}) CREATE (g)-[:SAID {sources: ['s17']}]->(st);
UNWIND [{st: 'st-s7', s: ['s7']}, {st: 'st-s8', s: ['s7', 's8']}] AS row MATCH (st:Statement {id: row.st}), (g:Group {name: 'Russian news agencies'}) CREATE (st)-[:TO {sources: row.s}]->(g);
UNWIND [{st: 'st-s12', s: ['s12']}, {st: 'st-s13', s: ['s12', 's13']}, {st: 'st-s14', s: ['s12', 's13', 's14']}] AS row MATCH (st:Statement {id: row.st}), (e:Event {id: 'ev-ga-session'}) CREATE (st)-[:AT {sources: row.s}]->(e);

// --- Statements: what they are about -----------------------------------------
// One row per ABOUT edge: statement id, target label, target key, sentences.
UNWIND [
  {st: 'st-s5',  r: 'res-ga-66-253', s: ['s5']},
  {st: 'st-s6',  r: 'res-ga-66-253', s: ['s6']},
  {st: 'st-s6',  r: 'res-sc-draft', s: ['s6']},
  {st: 'st-s7',  r: 'res-ga-66-253', s: ['s7']},
  {st: 'st-s8',  r: 'res-ga-66-253', s: ['s7', 's8']}
] AS row MATCH (st:Statement {id: row.st}), (x:Resolution {id: row.r}) CREATE (st)-[:ABOUT {sources: row.s}]->(x);
UNWIND [
  {st: 'st-s5',  g: 'Syrian Free Army', s: ['s5']},
  {st: 'st-s8',  g: 'Assad regime', s: ['s8']},
  {st: 'st-s8',  g: 'Syrian Free Army', s: ['s8']},
  {st: 'st-s12', g: 'Arab states', s: ['s12']},
  {st: 'st-s15', g: 'terrorists', s: ['s15']},
  {st: 'st-s15', g: 'al-Qaeda', s: ['s15']},
  {st: 'st-s16', g: 'Syrian Free Army', s: ['s16']},
  {st: 'st-s17', g: 'intelligence forces', s: ['s17']}
] AS row MATCH (st:Statement {id: row.st}), (x:Group {name: row.g}) CREATE (st)-[:ABOUT {sources: row.s}]->(x);
UNWIND [
  {st: 'st-s10', b: 'UN Security Council', s: ['s10']},
  {st: 'st-s11', b: 'United Nations', s: ['s11']},
  {st: 'st-s13', b: 'Arab League', s: ['s13']},
  {st: 'st-s14', b: 'United Nations', s: ['s14']}
] AS row MATCH (st:Statement {id: row.st}), (x:Body {name: row.b}) CREATE (st)-[:ABOUT {sources: row.s}]->(x);
UNWIND [
  {st: 'st-s13', c: 'Syria', s: ['s13']},
  {st: 'st-s14', c: 'Israel', s: ['s14']},
  {st: 'st-s14', c: 'Syria', s: ['s14']}
] AS row MATCH (st:Statement {id: row.st}), (x:Country {name: row.c}) CREATE (st)-[:ABOUT {sources: row.s}]->(x);
MATCH (st:Statement {id: 'st-s11'}), (x:Person {name: 'Bashar al-Assad'}) CREATE (st)-[:ABOUT {sources: ['s11']}]->(x);
UNWIND [
  {st: 'st-s10', e: 'ev-peacekeeping-mission', s: ['s10']},
  {st: 'st-s11', e: 'ev-crackdown', s: ['s11']},
  {st: 'st-s15', e: 'ev-violent-episodes', s: ['s15']},
  {st: 'st-s16', e: 'ev-bombings', s: ['s16']},
  {st: 'st-s17', e: 'ev-bombings', s: ['s17']},
  {st: 'st-s17', e: 'ev-crackdown', s: ['s17']}
] AS row MATCH (st:Statement {id: row.st}), (x:Event {id: row.e}) CREATE (st)-[:ABOUT {sources: row.s}]->(x);

// =============================================================================
// 12. MENTIONS, derived from `sources`: each sentence -> each fact node citing
// it, and each outside Document -> each fact node citing it.
// =============================================================================
MATCH (n:Country) UNWIND n.sources AS sid MATCH (s:Sentence {id: sid}) CREATE (s)-[:MENTIONS]->(n);
MATCH (n:Body) UNWIND n.sources AS sid MATCH (s:Sentence {id: sid}) CREATE (s)-[:MENTIONS]->(n);
MATCH (n:Resolution) UNWIND n.sources AS sid MATCH (s:Sentence {id: sid}) CREATE (s)-[:MENTIONS]->(n);
MATCH (n:Person) UNWIND n.sources AS sid MATCH (s:Sentence {id: sid}) CREATE (s)-[:MENTIONS]->(n);
MATCH (n:Group) UNWIND n.sources AS sid MATCH (s:Sentence {id: sid}) CREATE (s)-[:MENTIONS]->(n);
MATCH (n:Event) UNWIND n.sources AS sid MATCH (s:Sentence {id: sid}) CREATE (s)-[:MENTIONS]->(n);
MATCH (n:Statement) UNWIND n.sources AS sid MATCH (s:Sentence {id: sid}) CREATE (s)-[:MENTIONS]->(n);
MATCH (n:Country) UNWIND n.sources AS did MATCH (d:Document {id: did}) CREATE (d)-[:MENTIONS]->(n);
MATCH (n:Resolution) UNWIND n.sources AS did MATCH (d:Document {id: did}) CREATE (d)-[:MENTIONS]->(n);
MATCH (n:Person) UNWIND n.sources AS did MATCH (d:Document {id: did}) CREATE (d)-[:MENTIONS]->(n);
MATCH (n:Event) UNWIND n.sources AS did MATCH (d:Document {id: did}) CREATE (d)-[:MENTIONS]->(n);
