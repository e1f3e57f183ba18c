// The official Neo4j JavaScript driver against `plenary serve`: connect,
// run, a transaction, an error. Usage: node smoke.mjs bolt://HOST:PORT
import neo4j from 'neo4j-driver'
import assert from 'node:assert/strict'

const uri = process.argv[2]
const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', 's3cret'))
try {
  await driver.executeQuery('MATCH (n:Js) DETACH DELETE n')
  const info = await driver.getServerInfo()
  assert.match(info.agent, /plenary/)

  const { records } = await driver.executeQuery(
    'RETURN $x + 1 AS y, [1, {a: "b"}] AS l, date("2024-02-29") AS d',
    { x: neo4j.int(41) }
  )
  assert.equal(records[0].get('y').toNumber(), 42)
  assert.deepEqual(records[0].get('l')[1], { a: 'b' })
  assert.equal(records[0].get('d').toString(), '2024-02-29')

  const session = driver.session()
  try {
    await session.executeWrite(tx => tx.run('CREATE (:Js {n: 1})-[:R]->(:Js {n: 2})'))
    const tx = session.beginTransaction()
    await tx.run('CREATE (:Js {n: 3})')
    await tx.rollback()
    const res = await session.executeRead(tx =>
      tx.run('MATCH p = (a:Js)-[r:R]->(b) RETURN a, r, b, p, count { (x:Js) } AS c'))
    const r = res.records[0]
    assert.equal(r.get('c').toNumber(), 2, 'the rolled back node is not there')
    assert.deepEqual(r.get('a').labels, ['Js'])
    assert.equal(r.get('r').type, 'R')
    assert.equal(r.get('r').startNodeElementId, r.get('a').elementId)
    assert.equal(r.get('p').segments.length, 1)
    const sum = res.summary
    assert.equal(sum.queryType, 'r')

    await assert.rejects(session.run('MATCH (n RETURN n'), e => {
      assert.equal(e.code, 'Neo.ClientError.Statement.SyntaxError')
      return true
    })
    const again = await session.run('RETURN 7 AS x')
    assert.equal(again.records[0].get('x').toNumber(), 7)
  } finally {
    await session.close()
  }
  console.log('js smoke: ok')
} finally {
  await driver.close()
}
