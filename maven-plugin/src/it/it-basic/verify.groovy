// it-basic: prepare-agent + fetch-fixtures + verify + report + check on a JUnit 5 project with forkCount 2, Failsafe,
// a user argLine and an argLine property another plugin set earlier.
def log = new File(basedir, 'build.log').text
def fail = { String m -> throw new AssertionError(m) }

// prepare-agent logged the final argLine: our agent in front, the earlier property value kept behind it
def argLine = log.readLines().find { it.contains('argLine set to ') }
if (argLine == null) fail('no "argLine set to" line in build.log')
if (!(argLine =~ /argLine set to -javaagent:\S+kernel-recorder-[^ ]+\.jar -Dhonestcompute\.build\.id=\S+ -Dhonestcompute\.recorder\.timing=sampled -Dother\.plugin=kept$/))
    fail("unexpected argLine: " + argLine)

// every test JVM (2 Surefire forks, 1 Failsafe JVM) saw the same build id and both the user's and the other flags
def evidence = ['DotTest', 'MatMulTest', 'DotIT'].collectEntries { t ->
    def f = new File(basedir, "target/evidence/${t}.txt")
    if (!f.isFile()) fail("${t} did not run (no ${f})")
    [(t): f.text.trim().split(' ')]
}
def ids = evidence.values().collect { it[0] } as Set
if (ids.size() != 1 || ids.first() == 'null') fail("test JVMs saw build ids ${ids}, expected one shared id")
if (!argLine.contains("-Dhonestcompute.build.id=${ids.first()}")) fail("build id ${ids.first()} is not the argLine's")
evidence.each { t, e ->
    // the user's flag is in Surefire's <argLine> only; Failsafe reads the property itself
    def userFlag = t.endsWith('IT') ? 'null' : 'kept'
    if (e[2] != userFlag) fail("${t}: consumer.flag=${e[2]}, expected ${userFlag} (the user's <argLine> clobbered?)")
    if (e[3] != 'kept') fail("${t}: the earlier argLine property was clobbered (other.plugin=${e[3]})")
}
def pids = [evidence.DotTest[1], evidence.MatMulTest[1]] as Set
if (pids.size() != 2) fail("forkCount=2 should run the two test classes in two JVMs, saw pids ${pids}")
if (evidence.DotIT[1] in pids) fail('Failsafe ran in a Surefire fork?')

// receipts observed by the agent (never declared), the fetched fixture recorded, the goals' own lines
def receipts = new File(basedir, 'target/receipts')
['com.example.engine.DotTest/dotRunsOnTheCpu.json', 'com.example.engine.DotTest/dotOfTheFetchedWeights.json',
 'com.example.engine.MatMulTest/matmulRunsOnTheCpu.json', 'com.example.engine.DotIT/dotRunsUnderFailsafe.json',
 'run-summary.json', 'index.html', 'summary.md'].each {
    if (!new File(receipts, it).isFile()) fail("missing target/receipts/${it}")
}
def dot = new groovy.json.JsonSlurper().parse(new File(receipts, 'com.example.engine.DotTest/dotRunsOnTheCpu.json'))
if (dot.kernels != ['dot_f32']) fail("DotTest receipt kernels ${dot.kernels}, expected [dot_f32] observed by the agent")
if (dot.recorder.active != true) fail('recorder not active in DotTest receipt')
def nanos = dot.kernel_stats.find { it.id == 'dot_f32' }
if (nanos == null) fail('no kernel_stats entry for dot_f32')
def fetched = new groovy.json.JsonSlurper().parse(new File(receipts, 'com.example.engine.DotTest/dotOfTheFetchedWeights.json'))
if (!fetched.fixtures.any { it.name == 'tiny-weights' }) fail("fixture not in receipt: ${fetched.fixtures}")
['fixtures verified in ' + new File(basedir, '../../it-model-cache').canonicalPath, 'honest-compute:verify: 4 receipt(s)', '4 passed, 0 failed, 0 unreadable',
 'Honest Compute report: 4 receipt(s), 0 unreadable', 'honest-compute:check: 3 rule(s) hold over 4 receipt(s)'].each {
    if (!log.contains(it)) fail("build.log lacks '${it}'")
}
true
