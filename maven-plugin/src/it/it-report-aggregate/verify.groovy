// report-aggregate gathered both modules' receipts into one report with one merged run summary, whose digests match
// the copied receipts; both modules' test JVMs shared one build id.
def fail = { String m -> throw new AssertionError(m) }
def agg = new File(basedir, 'report/target/receipts-aggregate')
['engine-a/com.example.a.ScaleTest/scales.json', 'engine-b/com.example.b.ScaleTest/scales.json', 'run-summary.json',
 'index.html', 'summary.md'].each { if (!new File(agg, it).isFile()) fail("missing receipts-aggregate/${it}") }
def summary = new groovy.json.JsonSlurper().parse(new File(agg, 'run-summary.json'))
if (summary.counts.total != 2 || summary.counts.passed != 2) fail("merged counts ${summary.counts}")
if (summary.receipts*.path as Set != ['engine-a/com.example.a.ScaleTest/scales.json',
        'engine-b/com.example.b.ScaleTest/scales.json'] as Set) fail("merged receipt paths ${summary.receipts*.path}")
def md = new File(agg, 'summary.md').text
if (!md.contains('scale\\_a, scale\\_b')) fail("summary.md lacks a module's kernels:\n${md}")
def html = new File(agg, 'index.html').text
if (!html.contains('com.example.a.ScaleTest') || !html.contains('com.example.b.ScaleTest')) fail('index.html lacks a module')
def log = new File(basedir, 'build.log').text
if (!log.contains('report-aggregate: 2 receipt(s) from 2 module(s)')) fail('no report-aggregate line')
def a = new File(basedir, 'engine-a/target/build-id.txt').text
def b = new File(basedir, 'engine-b/target/build-id.txt').text
if (a != b || a == 'null') fail("modules saw build ids '${a}' and '${b}', expected one shared id")
true
