// @graph: empty

// @name: date from a string and its components
WITH date('2012-02-16') AS d RETURN d AS d, d.year AS y, d.month AS m, d.day AS day;
// @expect: rows
// | d            | y    | m | day |
// | '2012-02-16' | 2012 | 2 | 16  |

// @name: date from a map
RETURN date({year: 2020, month: 3, day: 1}) AS d;
// @expect: rows
// | d            |
// | '2020-03-01' |

// @name: dates compare chronologically
RETURN date('2012-02-16') < date('2013-01-01') AS a, date('2012-02-16') = date('2012-02-16') AS b, date('2020-01-01') > date('2019-12-31') AS c;
// @expect: rows
// | a    | b    | c    |
// | true | true | true |

// @name: dates order chronologically
UNWIND [date('2020-05-01'), date('2019-01-01'), date('2020-01-01')] AS d RETURN d ORDER BY d;
// @expect: rows ordered
// | d            |
// | '2019-01-01' |
// | '2020-01-01' |
// | '2020-05-01' |

// @name: a date is not equal to its string
RETURN date('2012-02-16') = '2012-02-16' AS eq;
// @expect: rows
// | eq    |
// | false |

// @name: date of null is null
RETURN date(null) AS d;
// @expect: rows
// | d    |
// | null |

// @name: date stored as a property and read back
CREATE (e:Event {on: date('2021-07-04')});
MATCH (e:Event) RETURN e.on.year AS y, e.on AS on;
// @expect: rows
// | y    | on           |
// | 2021 | '2021-07-04' |

// @name: an invalid date string is an error
RETURN date('2021-02-30') AS d;
// @expect: error ArgumentError InvalidArgumentValue

// @name: leap day
RETURN date('2020-02-29').day AS d;
// @expect: rows
// | d  |
// | 29 |
