// Maven 3.8's default Surefire 2.12.4 cannot read @{argLine}: the build fails naming the minimum version.
def log = new File(basedir, 'build.log').text
def expected = 'maven-surefire-plugin 2.12.4 is too old for the recorder agent'
if (!log.contains(expected) || !log.contains('pin maven-surefire-plugin 3.0.0 or newer'))
    throw new AssertionError('message not found: ' + expected)
true
