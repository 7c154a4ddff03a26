SELECT t1.c0, t1.c1, t1.c2 FROM (SELECT "srcaddr" AS c0, "dstaddr" AS c1, sum("packets") AS c2 FROM flows GROUP BY 1, 2) AS t1 ORDER BY t1.c2 DESC LIMIT 15
  columns: srcAddr:TEXT dstAddr:TEXT packetsTransferred:NUMBER
