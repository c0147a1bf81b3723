-- wrk script for the benchmark (bench/load.py runs it).
-- Arguments after "--": a file of requests ("" for wrk's own request), the
-- number of threads, a prefix for response logs ("" for none), and "once" to
-- send each request once: after the last one a thread asks for /healthz
-- while the others are answered (bench/load.py then stops wrk).
-- A request line is METHOD<TAB>PATH<TAB>COOKIE<TAB>BODY; each thread takes
-- every n-th line and counts what it has to send again once they run out.
-- done() prints one line of JSON for bench/load.py.

local threads = {}

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

local function read_requests(path, count)
   local requests = {}
   local index = 0
   for line in io.lines(path) do
      if index % count == id then
         local method, target, cookie, body = line:match("^(%u+)\t([^\t]*)\t([^\t]*)\t(.*)$")
         local headers = {}
         if cookie ~= "" then headers["Cookie"] = cookie end
         if body ~= "" then
            headers["Content-Type"] = "application/x-www-form-urlencoded"
         else
            body = nil
         end
         table.insert(requests, wrk.format(method, target, headers, body))
      end
      index = index + 1
   end
   return requests
end

local function next_request()
   sent = sent + 1
   if sent > #requests then
      if once then return idle end
      reused = reused + 1
   end
   return requests[(sent - 1) % #requests + 1]
end

local function log_response(status, headers, body)
   log:write(status, "\t", headers["Location"] or "", "\n")
end

function init(args)
   reused = 0
   once = args[4] == "once"
   idle = wrk.format("GET", "/healthz")
   if args[1] ~= "" then
      requests = read_requests(args[1], tonumber(args[2]))
      sent = 0
      request = next_request
   end
   if args[3] ~= "" then
      log = io.open(args[3] .. "-" .. id .. ".log", "w")
      log:setvbuf("line")
      response = log_response
   end
end

function done(summary, latency, requests)
   local reused_total = 0
   for _, thread in ipairs(threads) do
      reused_total = reused_total + thread:get("reused")
   end
   local errors = summary.errors
   io.write(string.format(
      'BENCH {"requests": %.0f, "duration_us": %.0f, "bytes": %.0f, '
         .. '"p50_us": %.0f, "p99_us": %.0f, "connect": %.0f, "read": %.0f, '
         .. '"write": %.0f, "status": %.0f, "timeout": %.0f, "reused": %.0f}\n',
      summary.requests, summary.duration, summary.bytes,
      latency:percentile(50), latency:percentile(99),
      errors.connect, errors.read, errors.write, errors.status, errors.timeout,
      reused_total))
end
