SELECT t1.c0, t1.c1 FROM (SELECT "srcaddr" AS c0, count(*) AS c1 FROM flows WHERE (("protocol" = ?)) GROUP BY 1) AS t1 LIMIT 1000
  $1 = 17 (Long)
  columns: srcAddr:TEXT count(*):NUMBER
