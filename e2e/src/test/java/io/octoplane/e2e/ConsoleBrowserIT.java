package io.octoplane.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.octoplane.tentacle.Tentacle;
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
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("node-log")));
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
