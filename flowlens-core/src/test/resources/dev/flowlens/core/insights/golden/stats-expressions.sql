SELECT t1.c0, t1.c1, t1.c2, t1.c3, t1.c4, t1.c5 FROM (SELECT "interface_id" AS c0, ("start" - "start" % ?) AS c1, sum("bytes") AS c2, count(*) AS c3, (sum("bytes") / count(*)) AS c4, quantile_disc("bytes", ?) AS c5 FROM flows GROUP BY 1, 2) AS t1 LIMIT 1000
  $1 = 300 (Long)
  $2 = 0.99 (Double)
  columns: interfaceId:TEXT datefloor(@timestamp,5m):TIMESTAMP b:NUMBER n:NUMBER avg:NUMBER pct(bytes,99):NUMBER
