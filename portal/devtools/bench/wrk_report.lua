-- Report one wrk run as a line of JSON once it is done: totals, errors and the
-- latency histogram (microseconds -> requests), so that several short runs of
-- one page can be merged into exact percentiles.
done = function(summary, latency, requests)
  local errors = summary.errors
  local buckets = {}
  for i = 1, #latency do
    local value, count = latency(i)
    buckets[#buckets + 1] = string.format("[%d,%d]", value, count)
  end
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": %d, "non_2xx": %d, "histogram": [%s]}\n',
    summary.requests, summary.duration,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status,
    table.concat(buckets, ",")))
end
