package io.octoplane.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.octoplane.certs.PemPair;
import io.octoplane.protocol.selector.LabelChange;
import io.octoplane.tentacle.Tentacle;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web console in a real browser (Debian's chromium, headless, through its own
 * chromedriver so nothing is downloaded) against a real brain, Redis and tentacles:
 * sign-in and sign-out, workgroup scoping, escaping of what nodes report, live output of
 * a run, cancel, charts, CSRF. Screenshots of each page land in
 * {@code target/console-screenshots}.
 */
class ConsoleBrowserIT extends InProcessFleetTest {

	private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	private static final String CHROMIUM = "/usr/bin/chromium";

	private static final String LAB_PASSWORD = "console lab password";

	private static final String HOSTILE_OS = "<script>document.title='owned'</script><b>bold</b>";

	private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	private ChromeDriverService service;

	private WebDriver browser;

	private WebDriverWait wait;

	private List<String> lab;

	@BeforeEach
	void startBrowserAndLab() throws Exception {
		assumeTrue(CHROMEDRIVER.canExecute() && new File(CHROMIUM).canExecute(),
				"needs Debian's chromium and chromium-driver");
		this.lab = this.fleet.startAll("con", 3, agentPort());
		startHostile("conx1");
		this.fleet.startAll("conother", 1, agentPort());
		this.client.workgroups().addNodes("/conlab", List.of("con01", "con02", "con03", "conx1"));
		this.client.workgroups().setPassword("/conlab", LAB_PASSWORD);
		this.service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
					"--ignore-certificate-errors", "--window-size=1280,900");
		this.browser = new ChromeDriver(this.service, options);
		this.wait = new WebDriverWait(this.browser, WAIT);
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.service != null) {
			this.service.stop();
		}
	}

	@Test
	void wrongPasswordIsRefusedAndSignOutEndsTheSession() {
		open("/ui/nodes");
		this.wait.until(ExpectedConditions.urlContains("/ui/login"));
		screenshot("login");
		signIn("/conlab", "not the password");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-error")));
		signIn("/conlab", LAB_PASSWORD);
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("fleet-table")));
		assertThat(this.browser.findElement(By.id("whoami")).getText()).contains("/conlab");
		this.browser.findElement(By.id("logout")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("logged-out")));
		open("/ui/nodes");
		this.wait.until(ExpectedConditions.urlContains("/ui/login"));
	}

	@Test
	void aWorkgroupSeesOnlyItsNodesAndNodeTextStaysText() {
		signInToLab();
		open("/ui/nodes?name=con");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-node='con01']")));
		assertThat(this.browser.findElements(By.cssSelector("tr[data-node='conother01']"))).isEmpty();
		assertThat(this.browser.findElement(By.id("count-total")).getText()).startsWith("4");
		screenshot("fleet");
		open("/ui/nodes/conother01");
		assertThat(this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-status"))).getText())
			.isEqualTo("Not found");
		open("/ui/nodes/conx1");
		WebElement os = this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("node-os")));
		assertThat(os.getText()).contains("<script>").contains("<b>bold</b>");
		assertThat(os.findElements(By.tagName("b"))).isEmpty();
		assertThat(this.browser.getTitle()).isNotEqualTo("owned");
		assertThatThrownBy(() -> this.browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
	}

	@Test
	void aRunShowsEachNodesOutputLiveAndCanBeCancelled() {
		signInToLab();
		open("/ui/run");
		screenshot("run");
		run(String.join(" ", this.lab), "echo console-says-hi");
		for (String node : this.lab) {
			this.wait
				.until(ExpectedConditions.textToBePresentInElementLocated(result(node, ".output"), "console-says-hi"));
			this.wait.until(ExpectedConditions.textToBePresentInElementLocated(result(node, ".exit"), "exit 0"));
		}
		this.wait.until(ExpectedConditions.attributeToBe(By.id("job"), "data-done", "true"));
		screenshot("job");
		// The page of a job that had finished when it was served says so itself: no
		// event stream is opened for it.
		this.browser.get(this.browser.getCurrentUrl());
		WebElement finished = this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job")));
		assertThat(finished.getDomAttribute("data-done")).isEqualTo("true");
		assertThat(finished.getDomAttribute("data-events")).isNullOrEmpty();
		open("/ui/run");
		// A line every half second: output the page can only have seen live, since
		// the job's stored output is written when a node finishes.
		run(String.join(" ", this.lab), "for i in $(seq 1 240); do echo tick-$i; sleep 0.5; done");
		for (String node : this.lab) {
			this.wait.until(ExpectedConditions.textToBePresentInElementLocated(result(node, ".output"), "tick-"));
		}
		assertThat(this.browser.findElement(By.id("job-state")).getText()).isEqualTo("running");
		this.browser.findElement(By.id("cancel")).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("job-state"), "cancelled"));
		open("/ui/jobs");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("jobs")));
		screenshot("jobs");
	}

	@Test
	void theNodePageChartsHeartbeatsAndListsItsJobsNodeappsAndLog() {
		signInToLab();
		open("/ui/run");
		run("con01", "echo node-page-job");
		this.wait.until(ExpectedConditions.attributeToBe(By.id("job"), "data-done", "true"));
		open("/ui/nodes/con01");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("node-jobs"), "echo node-page-job"));
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nodeapps")));
		WebElement log = this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("node-log")));
		((JavascriptExecutor) this.browser).executeScript("arguments[0].scrollIntoView()", log);
		screenshot("node-extras");
		this.wait.until((browser) -> {
			browser.navigate().refresh();
			String points = new WebDriverWait(browser, Duration.ofSeconds(10))
				.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("figure.chart[data-points]")))
				.getDomAttribute("data-points");
			return points != null && Integer.parseInt(points) > 0;
		});
		assertThat(this.browser.findElements(By.cssSelector("figure.chart canvas"))).hasSize(4);
		screenshot("node");
	}

	@Test
	void theScenariosPageListsAnAppliedScenarioAndAsksBeforeAReset() throws Exception {
		Path folder = Files.createDirectories(this.work.resolve("scenarios").resolve("conshop"));
		Files.writeString(folder.resolve("deployment.yaml"), """
				name: conshop
				description: "the console's shop"
				applications:
				- name: web
				  scriptpath: web/scripts/
				  sourcepath: web/src/
				  nodes: ['con01']
				  script:
				  - { target: prepare, file: prepare.sh, order: 1 }
				  - { target: start, file: start.sh, order: 1 }
				  - { target: stop, file: stop.sh, order: 1 }
				  - { target: purge, file: purge.sh, order: 1 }
				""");
		Files.createDirectories(folder.resolve("web/src"));
		Files.writeString(folder.resolve("web/src/index.html"), "hello");
		Files.createDirectories(folder.resolve("web/scripts"));
		Files.writeString(folder.resolve("web/scripts/prepare.sh"), "echo prepared\n");
		for (String script : List.of("start", "stop", "purge")) {
			Files.writeString(folder.resolve("web/scripts/" + script + ".sh"), "echo " + script + "\n");
		}
		PemPair operator = certs.operator("console-scenarios");
		Path config = Files.writeString(this.work.resolve("octl-conlab.yaml"),
				"brain: https://127.0.0.1:" + this.port + "\ncert: " + operator.certificate() + "\nkey: "
						+ operator.privateKey() + "\nca: " + certs.caCert() + "\ntimeout: 60s\nworkgroup: /conlab\n");
		for (String message : List.of("first", "second")) {
			OctlRun apply = InProcessOctl.run(config, this.work, "scen", "apply", folder.toString(), "-m", message);
			assertThat(apply.exitCode()).as(apply.err() + apply.out()).isZero();
		}
		signInToLab();
		open("/ui/scenarios");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-scenario='conshop']")));
		screenshot("scenarios");
		this.browser.findElement(By.linkText("conshop")).click();
		// The brain's stores outlive a test: earlier runs may have left versions too.
		int versions = this.wait
			.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#versions tbody tr"), 1))
			.size();
		assertThat(this.browser.findElement(By.cssSelector("#versions tbody tr")).getText())
			.contains("prepare: second");
		screenshot("scenario");
		this.browser.findElements(By.cssSelector("form.reset button")).get(1).click();
		assertThat(this.wait.until(ExpectedConditions.alertIsPresent()).getText()).startsWith("Reset conshop to ");
		this.browser.switchTo().alert().dismiss();
		assertThat(this.browser.getCurrentUrl()).endsWith("/ui/scenarios/conshop");
		assertThat(this.browser.findElements(By.cssSelector("#versions tbody tr"))).hasSize(versions);
	}

	@Test
	void aNewTokensSecretIsShownOnceAndTheAdminPagesShowOnlyTheWorkgroup() {
		signInToLab();
		open("/ui/admin/workgroups");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-workgroup='/conlab']")));
		assertThat(this.browser.findElements(By.cssSelector("tr[data-workgroup='/']"))).isEmpty();
		screenshot("admin-workgroups");
		open("/ui/admin/tokens");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("token-description")))
			.sendKeys("console test");
		this.browser.findElement(By.id("token-create")).click();
		String secret = this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("token-secret"))).getText();
		assertThat(secret).isNotBlank();
		screenshot("admin-tokens");
		open("/ui/admin/tokens");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tokens"), "console test"));
		assertThat(this.browser.findElements(By.id("token-secret"))).isEmpty();
		assertThat(this.browser.getPageSource()).doesNotContain(secret);
		open("/ui/admin/audit?outcome=ok");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit")));
		screenshot("admin-audit");
		assertThat(postWithoutCsrf("/ui/admin/tokens", "role=operator&ttlHours=1&description=breach")).isEqualTo(403L);
		open("/ui/admin/tokens");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tokens")));
		assertThat(this.browser.findElement(By.id("tokens")).getText()).doesNotContain("breach");
	}

	@Test
	void aFileSentFromTheFilesPageReachesTheNodesWithItsProgressShown() throws Exception {
		Path file = Files.writeString(this.work.resolve("console-upload.txt"), "sent from the console\n".repeat(2000));
		Path drop = Files.createDirectories(this.work.resolve("console-drop"));
		signInToLab();
		open("/ui/files");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("upload-file")))
			.sendKeys(file.toAbsolutePath().toString());
		this.browser.findElement(By.id("upload-targets")).sendKeys("con01");
		WebElement dir = this.browser.findElement(By.id("upload-dir"));
		dir.clear();
		dir.sendKeys(drop.toString());
		screenshot("files");
		this.browser.findElement(By.id("upload-submit")).click();
		this.wait.until(ExpectedConditions.urlContains("/ui/jobs/"));
		this.wait.until((browser) -> {
			browser.navigate().refresh();
			return "completed".equals(new WebDriverWait(browser, Duration.ofSeconds(10))
				.until(ExpectedConditions.presenceOfElementLocated(By.id("job-state")))
				.getText());
		});
		assertThat(drop.resolve("console-upload.txt")).hasSameTextualContentAs(file);
		assertThat(postWithoutCsrf("/ui/files/blobs", "breach")).isEqualTo(403L);
	}

	@Test
	void theFleetFiltersByLabelsAndTheRunPickerByState() {
		this.client.labels().label("con02", new LabelChange(Map.of("role", "db"), List.of()));
		signInToLab();
		open("/ui/nodes?labels=role%3Ddb");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-node='con02']")));
		assertThat(this.browser.findElements(By.cssSelector("tr[data-node]"))).hasSize(1);
		screenshot("fleet-labels");
		open("/ui/run");
		new Select(this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("pick-state"))))
			.selectByValue("online");
		this.wait
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[name='pick'][data-node='con03']")))
			.click();
		screenshot("run-picker");
		this.browser.findElement(By.id("run-command")).sendKeys("echo picked-by-state");
		this.browser.findElement(By.id("run-submit")).click();
		this.wait
			.until(ExpectedConditions.textToBePresentInElementLocated(result("con03", ".output"), "picked-by-state"));
		assertThat(this.browser.findElements(By.cssSelector("article.result"))).hasSize(1);
	}

	@Test
	void aFormWithoutItsCsrfTokenIsRefused() {
		signInToLab();
		open("/ui/run");
		Object status = ((JavascriptExecutor) this.browser).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch('/ui/run', { method: 'POST', credentials: 'same-origin',
				    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				    body: 'targets=con01&command=touch+csrf-breach', redirect: 'manual' })
				  .then((response) => done(response.status), () => done(-1));
				""");
		assertThat(status).isEqualTo(403L);
		assertThat(this.fleet.lines("con01", "csrf-breach")).isEmpty();
	}

	private Object postWithoutCsrf(String path, String body) {
		return ((JavascriptExecutor) this.browser).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch(arguments[0], { method: 'POST', credentials: 'same-origin',
				    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				    body: arguments[1], redirect: 'manual' })
				  .then((response) => done(response.status), () => done(-1));
				""", path, body);
	}

	private void startHostile(String name) throws InterruptedException {
		String version = System.getProperty("os.version");
		System.setProperty("os.version", HOSTILE_OS);
		try {
			Tentacle tentacle = this.fleet.start(name, agentPort());
			assertThat(tentacle.awaitConnected(WAIT)).isTrue();
		}
		finally {
			System.setProperty("os.version", version);
		}
	}

	private void signInToLab() {
		open("/ui/login");
		signIn("/conlab", LAB_PASSWORD);
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("fleet-table")));
	}

	private void signIn(String workgroup, String password) {
		WebElement user = this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		user.clear();
		user.sendKeys(workgroup);
		this.browser.findElement(By.id("password")).sendKeys(password);
		this.browser.findElement(By.id("sign-in")).click();
	}

	private void run(String targets, String command) {
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-targets"))).sendKeys(targets);
		this.browser.findElement(By.id("run-command")).sendKeys(command);
		this.browser.findElement(By.id("run-submit")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job")));
	}

	private static By result(String node, String part) {
		return By.cssSelector("article.result[data-node='" + node + "'] " + part);
	}

	private void open(String path) {
		this.browser.get("https://localhost:" + this.port + path);
	}

	private void screenshot(String page) {
		byte[] png = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES);
		try {
			Files.write(SCREENSHOTS.resolve(page + ".png"), png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
