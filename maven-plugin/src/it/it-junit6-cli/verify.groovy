// JUnit 6 via its BOM ran the tests under the agent; then the CLI jar, copied from the IT repository (the installed
// artifact, never target/), runs by itself: --help and a real run of verify, report, baseline and replay.
import java.util.concurrent.TimeUnit
import java.util.jar.JarFile

def fail = { String m -> throw new AssertionError(m) }
def log = new File(basedir, 'build.log').text
if (!log.contains('Tests run: 2, Failures: 0, Errors: 0')) fail('the two JUnit 6 tests did not pass')
if (!log.contains('honest-compute:verify: 2 receipt(s)')) fail('verify goal did not check the 2 receipts')

def repoJar = new File(localRepositoryPath, "dev/honestcompute/junit-receipts/${projectVersion}/junit-receipts-${projectVersion}-cli.jar")
if (!repoJar.isFile()) fail("no installed CLI jar at ${repoJar}")
def jar = new File(basedir, 'target/cli/receipts-cli.jar')
if (jar.bytes != repoJar.bytes) fail('the copied CLI jar is not the installed artifact')
new JarFile(jar).withCloseable { j ->
    def names = j.entries().collect { it.name }
    if (names.any { it.startsWith('org/junit/') }) fail('JUnit classes inside the CLI jar')
    if (names.any { it.startsWith('com/fasterxml/') }) fail('unrelocated Jackson inside the CLI jar')
    if (j.manifest.mainAttributes.getValue('Class-Path') != null) fail('the CLI jar has a manifest Class-Path')
}

def java = new File(System.getProperty('java.home'), 'bin/java').path
def work = new File(basedir, 'target/cli-runs')
work.mkdirs()
def run = { List<String> args ->
    def out = new File(work, "out-${System.nanoTime()}.txt")
    def err = new File(work, "err-${System.nanoTime()}.txt")
    // a clean JVM with only the jar: no Maven, no test class path
    def p = new ProcessBuilder([java, '-jar', jar.path] + args).directory(basedir)
            .redirectOutput(out).redirectError(err).start()
    if (!p.waitFor(120, TimeUnit.SECONDS)) { p.destroyForcibly(); fail("CLI hung: ${args}") }
    def r = [exit: p.exitValue(), out: out.text, err: err.text]
    if ((r.out + r.err).contains('\tat ') || (r.out + r.err).contains('NoClassDefFoundError'))
        fail("stack trace from ${args}: ${r.err}")
    r
}
def expect = { List<String> args, int exit, String text ->
    def r = run(args)
    if (r.exit != exit) fail("${args}: exit ${r.exit}, expected ${exit}\n${r.out}\n${r.err}")
    if (!(r.out + r.err).contains(text)) fail("${args}: output lacks '${text}'\n${r.out}\n${r.err}")
    r
}

expect(['--help'], 0, 'verify')
expect(['verify', '--help'], 0, 'usage: verify')
expect(['verify', 'target/receipts'], 0, 'verified 2 receipt(s): 2 passed, 0 failed')
expect(['report', '--help'], 0, 'usage: report')
expect(['report', '--out', 'target/cli-report', 'target/receipts'], 0, 'report: 2 receipt(s), 0 unreadable')
['index.html', 'summary.md'].each { if (!new File(basedir, "target/cli-report/${it}").isFile()) fail("no ${it}") }
expect(['baseline', '--help'], 0, 'usage: baseline update')
expect(['baseline', 'update', '--from', 'target/receipts', '--to', 'target/baselines'], 0, 'wrote 1 baseline files')
def baseline = new File(basedir, 'target/baselines/com.example.RowsTest/rowSumsThroughput.json')
if (!baseline.isFile() || !baseline.text.contains('row-sums-64')) fail("no baseline for row-sums-64 in ${baseline}")
expect(['baseline', 'compare', '--receipts', 'target/receipts', '--baselines', 'target/baselines'], 0, '')
expect(['replay', '--help'], 0, 'usage: replay compare')
expect(['replay', 'block', 'target/receipts', '--out', 'target/replay-block.json'], 0, '')
if (!new File(basedir, 'target/replay-block.json').isFile()) fail('replay block not written')
expect(['replay', 'compare', 'target/receipts/run-summary.json', 'target/receipts/run-summary.json'], 0, '')

// and it rejects: a receipt edited after the run fails verify with the run summary's digest
def copy = new File(basedir, 'target/tampered')
def from = new File(basedir, 'target/receipts').toPath()
java.nio.file.Files.walk(from).filter { it.toString().endsWith('.json') }.each { f ->
    def to = copy.toPath().resolve(from.relativize(f).toString())
    java.nio.file.Files.createDirectories(to.parent)
    java.nio.file.Files.copy(f, to)
}
def edited = new File(copy, 'com.example.RowsTest/rowSumsRunOnJunit6.json')
edited.text = edited.text.replace('"row_sums_f32"', '"row_sums_f32_simd"')
def bad = run(['verify', copy.path])
if (bad.exit != 1) fail("tampered receipts: exit ${bad.exit}, expected 1\n${bad.out}${bad.err}")
if (!bad.out.contains('run summary FAILED')) fail("tampered receipt not caught by the run summary:\n${bad.out}")
true
