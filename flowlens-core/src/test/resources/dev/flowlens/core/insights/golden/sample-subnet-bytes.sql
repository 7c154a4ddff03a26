SELECT t1.c0, t1.c1 FROM (SELECT "dstaddr" AS c0, sum("bytes") AS c1 FROM flows WHERE (coalesce((CASE WHEN regexp_full_match("srcaddr", '[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}') THEN CAST(split_part("srcaddr", '.', 1) AS BIGINT) * 16777216 + CAST(split_part("srcaddr", '.', 2) AS BIGINT) * 65536 + CAST(split_part("srcaddr", '.', 3) AS BIGINT) * 256 + CAST(split_part("srcaddr", '.', 4) AS BIGINT) END) BETWEEN ? AND ?, false)) GROUP BY 1) AS t1 ORDER BY t1.c1 DESC LIMIT 15
  $1 = 3221225984 (Long)
  $2 = 3221226239 (Long)
  columns: dstAddr:TEXT bytesTransferred:NUMBER
