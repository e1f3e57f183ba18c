// plenary bundled graph: example queries for a newcomer.
// Each case: @graph, @name, the query, @expect, and the expected rows in TCK
// literal notation (bag unless "rows ordered"). Dates are returned with
// toString() so the expected values are plain strings.

// @graph: bundled
// @name: how did each country vote (as stated in the article)
MATCH (c:Country)-[v:VOTED]->(r:Resolution) RETURN c.name AS country, v.vote AS vote, r.symbol AS resolution ORDER BY country;
// @expect: rows ordered
// | country  | vote | resolution     |
// | 'Russia' | 'no' | 'A/RES/66/253' |

// @name: the General Assembly resolution and its roll-call keys
MATCH (r:Resolution {symbol: 'A/RES/66/253'}) RETURN r.rcid AS rcid, r.unres AS unres, r.session AS session, toString(r.date) AS day, r.status AS status, r.yes AS yes, r.no AS no, r.abstain AS abstain;
// @expect: rows
// | rcid | unres      | session | day          | status    | yes | no | abstain |
// | 5180 | 'R/66/253' | 66      | '2012-02-16' | 'adopted' | 137 | 12 | 17      |

// @name: every resolution, draft, amendment and plan, with its status
MATCH (r:Resolution) RETURN r.name AS name, r.kind AS kind, r.status AS status ORDER BY name;
// @expect: rows ordered
// | name                                                    | kind               | status     |
// | 'Arab League blueprint'                                 | 'plan'             | 'proposed' |
// | 'Draft UN Security Council resolution on Syria'         | 'draft resolution' | 'vetoed'   |
// | 'Russian amendments to the General Assembly resolution' | 'amendments'       | 'rejected' |
// | 'UN General Assembly resolution on Syria'               | 'resolution'       | 'adopted'  |

// @name: who introduced the resolution, and on whose behalf
MATCH (c:Country)-[:INTRODUCED]->(r:Resolution)<-[:SPONSORED]-(s) RETURN c.name AS introduced_by, s.name AS on_behalf_of, r.symbol AS resolution ORDER BY on_behalf_of;
// @expect: rows ordered
// | introduced_by | on_behalf_of     | resolution     |
// | 'Egypt'       | 'Arab states'    | 'A/RES/66/253' |
// | 'Egypt'       | 'United Kingdom' | 'A/RES/66/253' |
// | 'Egypt'       | 'United States'  | 'A/RES/66/253' |

// @name: who vetoed what in which body, and when
MATCH (c:Country)-[v:VETOED]->(r:Resolution)-[:CONSIDERED_BY]->(b:Body) RETURN c.name AS country, r.name AS draft, b.name AS body, v.when_text AS when_text, v.month AS month ORDER BY country;
// @expect: rows ordered
// | country  | draft                                           | body                  | when_text            | month     |
// | 'China'  | 'Draft UN Security Council resolution on Syria' | 'UN Security Council' | 'earlier this month' | '2012-02' |
// | 'Russia' | 'Draft UN Security Council resolution on Syria' | 'UN Security Council' | 'earlier this month' | '2012-02' |

// @name: who proposed what, and who rejected it
MATCH (p)-[:PROPOSED]->(r:Resolution) OPTIONAL MATCH (x)-[:REJECTED]->(r) RETURN p.name AS proposed_by, r.name AS proposal, r.status AS status, x.name AS rejected_by ORDER BY proposed_by;
// @expect: rows ordered
// | proposed_by   | proposal                                                | status     | rejected_by   |
// | 'Arab League' | 'Arab League blueprint'                                 | 'proposed' | null          |
// | 'Russia'      | 'Russian amendments to the General Assembly resolution' | 'rejected' | 'Arab states' |

// @name: what each person said, and about what
MATCH (p:Person)-[:SAID]->(s:Statement)-[:ABOUT]->(x) RETURN p.name AS person, s.id AS statement, s.kind AS kind, s.stance AS stance, coalesce(x.name, x.id) AS about ORDER BY person, statement, about;
// @expect: rows ordered
// | person            | statement | kind    | stance       | about                                           |
// | 'Bashar Jaafari'  | 'st-s12'  | 'quote' | 'criticizes' | 'Arab states'                                   |
// | 'Bashar Jaafari'  | 'st-s13'  | 'quote' | 'criticizes' | 'Arab League'                                   |
// | 'Bashar Jaafari'  | 'st-s13'  | 'quote' | 'criticizes' | 'Syria'                                         |
// | 'Bashar Jaafari'  | 'st-s14'  | 'quote' | 'appeals'    | 'Israel'                                        |
// | 'Bashar Jaafari'  | 'st-s14'  | 'quote' | 'appeals'    | 'Syria'                                         |
// | 'Bashar Jaafari'  | 'st-s14'  | 'quote' | 'appeals'    | 'United Nations'                                |
// | 'Gennady Gatilov' | 'st-s10'  | 'claim' | 'asserts'    | 'UN Security Council'                           |
// | 'Gennady Gatilov' | 'st-s10'  | 'claim' | 'asserts'    | 'UN peacekeeping mission to Syria'              |
// | 'Gennady Gatilov' | 'st-s6'   | 'claim' | 'criticizes' | 'Draft UN Security Council resolution on Syria' |
// | 'Gennady Gatilov' | 'st-s6'   | 'claim' | 'criticizes' | 'UN General Assembly resolution on Syria'       |
// | 'Gennady Gatilov' | 'st-s7'   | 'quote' | 'opposes'    | 'UN General Assembly resolution on Syria'       |
// | 'Gennady Gatilov' | 'st-s8'   | 'quote' | 'criticizes' | 'Assad regime'                                  |
// | 'Gennady Gatilov' | 'st-s8'   | 'quote' | 'criticizes' | 'Syrian Free Army'                              |
// | 'Gennady Gatilov' | 'st-s8'   | 'quote' | 'criticizes' | 'UN General Assembly resolution on Syria'       |

// @name: which statements criticize the Arab League or the Arab states
MATCH (who)-[:SAID]->(s:Statement {stance: 'criticizes'})-[:ABOUT]->(x) WHERE x.name IN ['Arab League', 'Arab states'] RETURN who.name AS speaker, x.name AS target, s.text AS text ORDER BY target;
// @expect: rows ordered
// | speaker          | target        | text                                                                                                                                                                                  |
// | 'Bashar Jaafari' | 'Arab League' | 'Arab League resolutions violate the sovereignty of Syria and conflict international laws … The Arab League are competing with enemies of the Arab world with its criticism of Syria' |
// | 'Bashar Jaafari' | 'Arab states' | 'countries that do not want to help in reaching a peaceful solution for Syria.'                                                                                                       |

// @name: how long is the shortest path from Egypt to Russia (several paths of length 2: via the resolution, or via the outside documents unvotes and iso3166)
MATCH p = shortestPath((:Country {name: 'Egypt'})-[*]-(:Country {name: 'Russia'})) RETURN length(p) AS hops;
// @expect: rows
// | hops |
// | 2    |

// @name: the path from Egypt to Russia through introducing and voting
MATCH p = shortestPath((:Country {name: 'Egypt'})-[:INTRODUCED|VOTED*]-(:Country {name: 'Russia'})) RETURN [n IN nodes(p) | n.name] AS names, [r IN relationships(p) | type(r)] AS types;
// @expect: rows
// | names                                                        | types                   |
// | ['Egypt', 'UN General Assembly resolution on Syria', 'Russia'] | ['INTRODUCED', 'VOTED'] |

// @name: according to what did Russia veto? (the sentence behind a relationship)
MATCH (c:Country {code: 'RU'})-[v:VETOED]->(r) MATCH (s:Sentence) WHERE s.id IN v.sources RETURN s.id AS sentence, s.text AS text;
// @expect: rows
// | sentence | text                                                                                                                                                                    |
// | 's6'     | 'Deputy Foreign Minister Gennady Gatilov said resolution differs little from a draft U.N. Security Council resolution that Russia and China vetoed earlier this month.' |

// @name: which sentences mention Egypt (provenance by traversal)
MATCH (s:Sentence)-[:MENTIONS]->(:Country {name: 'Egypt'}) RETURN s.n AS n, s.text AS text ORDER BY n;
// @expect: rows ordered
// | n | text                                                                                                                                                                                |
// | 3 | 'Introduced by Egypt on behalf of 27 other countries, including Arab states, Britain and the United States, the resolution condemns “systematic human rights violations” in Syria.' |

// @name: which facts about the resolution come from outside the article
MATCH (d:Document)-[:MENTIONS]->(r:Resolution) RETURN d.id AS document, d.title AS title, r.symbol_sources AS symbol_from, r.abstain_sources AS abstentions_from ORDER BY document;
// @expect: rows ordered
// | document  | title                                         | symbol_from | abstentions_from |
// | 'unvotes' | 'United Nations General Assembly Voting Data' | ['unvotes'] | ['unvotes']      |

// @name: the uprising's duration and death toll
MATCH (e:Event {id: 'ev-uprising'}) RETURN e.duration_months AS months, e.killed_over AS killed_over, e.killed_text AS wording, e.sources AS sources;
// @expect: rows
// | months | killed_over | wording                                      | sources       |
// | 11     | 5400        | 'estimated to have killed over 5,400 people' | ['s4', 's11'] |

// @name: what the General Assembly can and cannot do
MATCH (b:Body {name: 'UN General Assembly'}) RETURN b.resolutions_can_be_vetoed AS can_be_vetoed, b.resolutions_binding AS binding, b.resolutions_can AS can;
// @expect: rows
// | can_be_vetoed | binding | can                                                |
// | false         | false   | 'form populist global perceptions on major issues' |

// @name: what the General Assembly is expected to demand of Syria
MATCH (:Body {name: 'UN General Assembly'})-[d:DEMANDS]->(c:Country) RETURN c.name AS country, d.demand AS demand, d.expected AS expected ORDER BY demand;
// @expect: rows ordered
// | country | demand                                                            | expected |
// | 'Syria' | 'immediately adopt an Arab League blueprint to calm the uprising' | true     |
// | 'Syria' | 'return security forces to their barracks'                        | true     |
// | 'Syria' | '“cease all violence” against civilians'                          | true     |

// @name: what Russia warned
MATCH (:Country {name: 'Russia'})-[:SAID]->(s:Statement {stance: 'warns'}) RETURN s.text AS warning, s.when_text AS when_text;
// @expect: rows
// | warning                                                                              | when_text    |
// | 'it would block any UN resolution calling for Assad to step down over his crackdown' | 'had warned' |

// @name: who blamed whom, for what
MATCH (a)-[b:BLAMED]->(t) RETURN a.name AS blamer, t.name AS blamed, b.blamed_for AS blamed_for ORDER BY blamer, blamed;
// @expect: rows ordered
// | blamer                        | blamed                | blamed_for                                      |
// | 'Assad regime'                | 'al-Qaeda'            | 'the violent episodes'                          |
// | 'Assad regime'                | 'terrorists'          | 'the violent episodes'                          |
// | 'critics of the Assad regime' | 'intelligence forces' | 'staging the bombings as false flag operations' |

// @name: what is required to send UN peacekeepers, according to whom
MATCH (p:Person)-[:SAID]->(s:Statement)-[:ABOUT]->(:Event {id: 'ev-peacekeeping-mission'}) MATCH (s)-[:ABOUT]->(b:Body) RETURN p.name AS speaker, b.name AS body, s.text AS text;
// @expect: rows
// | speaker           | body                  | text                                                                                      |
// | 'Gennady Gatilov' | 'UN Security Council' | 'a UN Security Council resolution would be required to send any UN peacekeepers to Syria' |

// @name: who called for a peacekeeping mission
MATCH (g)-[:CALLED_FOR]->(e:Event) RETURN g.name AS who, e.name AS what, e.status AS status;
// @expect: rows
// | who           | what                               | status       |
// | 'Arab states' | 'UN peacekeeping mission to Syria' | 'called for' |

// @name: people, their roles and the country they serve
MATCH (p:Person)-[r:LEADS|REPRESENTS]->(c:Country) RETURN p.name AS person, p.role AS role, type(r) AS relation, c.name AS country ORDER BY person;
// @expect: rows ordered
// | person            | role                                      | relation     | country  |
// | 'Bashar Jaafari'  | 'Syrian ambassador to the United Nations' | 'REPRESENTS' | 'Syria'  |
// | 'Bashar al-Assad' | 'President of Syria'                      | 'LEADS'      | 'Syria'  |
// | 'Gennady Gatilov' | 'Deputy Foreign Minister'                 | 'REPRESENTS' | 'Russia' |

// @name: what Gatilov told Russian news agencies
MATCH (:Person {name: 'Gennady Gatilov'})-[:SAID]->(s:Statement)-[:TO]->(g:Group) RETURN s.id AS statement, s.text AS quote, g.name AS told ORDER BY statement;
// @expect: rows ordered
// | statement | quote                                                                                  | told                    |
// | 'st-s7'   | 'We can’t vote for that resolution, because it still remains unbalanced'               | 'Russian news agencies' |
// | 'st-s8'   | 'It directs all the demands at the government, and says nothing about the opposition.' | 'Russian news agencies' |

// @name: what Jaafari said during the session, and when
MATCH (:Person {name: 'Bashar Jaafari'})-[:SAID]->(s:Statement)-[:AT]->(e:Event) RETURN s.id AS statement, s.attribution AS attribution, e.name AS at, toString(e.date) AS day ORDER BY statement;
// @expect: rows ordered
// | statement | attribution  | at                                     | day          |
// | 'st-s12'  | 'explicit'   | 'UN General Assembly session on Syria' | '2012-02-16' |
// | 'st-s13'  | 'explicit'   | 'UN General Assembly session on Syria' | '2012-02-16' |
// | 'st-s14'  | 'by context' | 'UN General Assembly session on Syria' | '2012-02-16' |

// @name: events the article dates, with the original wording
MATCH (e:Event) WHERE e.when_text IS NOT NULL RETURN e.id AS event, e.when_text AS wording, toString(e.date) AS day, toString(e.date_earliest) AS earliest, toString(e.date_latest) AS latest ORDER BY event;
// @expect: rows ordered
// | event                 | wording                                            | day          | earliest     | latest       |
// | 'ev-bombings'         | 'in recent months'                                 | null         | null         | '2012-02-16' |
// | 'ev-ga-session'       | 'during the session'                               | '2012-02-16' | null         | null         |
// | 'ev-protests'         | 'erupted last year'                                | null         | '2011-01-01' | '2011-12-31' |
// | 'ev-violent-episodes' | 'since anti-government protests erupted last year' | null         | '2011-01-01' | null         |

// @name: what the resolution condemns
MATCH (:Resolution {symbol: 'A/RES/66/253'})-[c:CONDEMNS]->(e:Event) RETURN e.name AS condemns, c.sources AS sources ORDER BY condemns;
// @expect: rows ordered
// | condemns                                      | sources |
// | 'government crackdown on dissent'             | ['s1']  |
// | 'systematic human rights violations in Syria' | ['s3']  |

// @name: statements the article does not attribute to anyone
MATCH (s:Statement) WHERE NOT ()-[:SAID]->(s) RETURN s.id AS statement, s.text AS text;
// @expect: rows
// | statement | text                                                            |
// | 'st-s16'  | 'the Syrian Free Army is not believed to have carried them out' |

// @name: the sentences in order (first three)
MATCH (:Document {id: 'article'})-[:HAS_SENTENCE]->(s:Sentence) RETURN s.id AS id, s.paragraph AS paragraph ORDER BY s.n LIMIT 3;
// @expect: rows ordered
// | id   | paragraph |
// | 's1' | 1         |
// | 's2' | 2         |
// | 's3' | 3         |

// @name: how many nodes of each label
MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS nodes ORDER BY label;
// @expect: rows ordered
// | label        | nodes |
// | 'Body'       | 4     |
// | 'Country'    | 7     |
// | 'Document'   | 4     |
// | 'Event'      | 8     |
// | 'Group'      | 8     |
// | 'Person'     | 3     |
// | 'Resolution' | 4     |
// | 'Sentence'   | 18    |
// | 'Statement'  | 12    |

// @name: full-text search: which sentences and statements talk about peacekeepers (ranked, best first)
CALL db.index.fulltext.queryNodes('search', 'peacekeepers') YIELD node, score
RETURN labels(node)[0] AS kind, node.id AS id, round(score, 3) AS score ORDER BY score DESC;
// @expect: rows ordered
// | kind        | id       | score |
// | 'Statement' | 'st-s10' | 1.14  |
// | 'Sentence'  | 's10'    | 1.077 |
// | 'Sentence'  | 's9'     | 1.021 |

// @name: search, then walk: for each statement found, who said it, what it is about, and the sentence it came from
CALL db.index.fulltext.queryNodes('search', 'veto* OR peacekeep*') YIELD node AS st, score
WHERE st:Statement
MATCH (who)-[:SAID]->(st), (s:Sentence)-[:MENTIONS]->(st)
OPTIONAL MATCH (st)-[:ABOUT]->(what)
WITH st, score, who, s, collect(coalesce(what.name, what.id)) AS about
RETURN st.id AS statement, who.name AS speaker, about, s.id AS sentence, s.text AS sentence_text
ORDER BY score DESC, statement;
// @expect: rows ordered
// | statement | speaker           | about                                                                                        | sentence | sentence_text                                                                                                                                                           |
// | 'st-s10'  | 'Gennady Gatilov' | ['UN peacekeeping mission to Syria', 'UN Security Council']                                  | 's10'    | 'Gatilov said a UN Security Council resolution would be required to send any UN peacekeepers to Syria.'                                                                 |
// | 'st-s6'   | 'Gennady Gatilov' | ['Draft UN Security Council resolution on Syria', 'UN General Assembly resolution on Syria'] | 's6'     | 'Deputy Foreign Minister Gennady Gatilov said resolution differs little from a draft U.N. Security Council resolution that Russia and China vetoed earlier this month.' |

// @name: full-text search over relationships: what was demanded of whom, or blamed on whom, about violence
CALL db.index.fulltext.queryRelationships('demands_and_blame', 'violen*') YIELD relationship AS r, score
MATCH (a)-[r]->(b)
RETURN a.name AS who, type(r) AS what, coalesce(r.demand, r.blamed_for) AS wording, b.name AS whom ORDER BY who, whom, wording;
// @expect: rows ordered
// | who                   | what      | wording                                  | whom         |
// | 'Assad regime'        | 'BLAMED'  | 'the violent episodes'                   | 'al-Qaeda'   |
// | 'Assad regime'        | 'BLAMED'  | 'the violent episodes'                   | 'terrorists' |
// | 'UN General Assembly' | 'DEMANDS' | '“cease all violence” against civilians' | 'Syria'      |
