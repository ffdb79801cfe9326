package org.countersign.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, as a person at a browser: the console's tests click
 * through it, and every main page is saved as a screenshot under {@code target/screenshots} for a reviewer of the
 * build to look at.
 *
 * <p>Things are found the way people find them: buttons and links by their text, fields by their label, dialogs by
 * their title. Every lookup waits (the console draws pages after its API calls answer), and a page drawn again
 * meanwhile is looked up again.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * Selenium warns on every start that it has no DevTools bindings for this Chromium; the tests use none. Held
     * here so the setting stays (loggers are only weakly kept).
     */
    private static final Logger SELENIUM = Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM.setLevel(Level.SEVERE);
    }

    private final WebDriver driver;
    private final String base;

    ConsoleBrowser(String base, Path profile) {
        this.base = base;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        // the machine's network is closed: Chromium must not try to reach Google's services at start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1366,900", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver")).toFile())
                .build();
        this.driver = new ChromeDriver(service, options);
    }

    WebDriver driver() {
        return driver;
    }

    /** The server's address, e.g. {@code http://127.0.0.1:7070}. */
    String base() {
        return base;
    }

    void open(String path) {
        driver.get(base + path);
    }

    String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    WebElement await(By locator) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    void awaitPath(String prefix) {
        waiting().until(d -> path().startsWith(prefix));
    }

    void awaitText(By locator, String text) {
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    /** Waits until {@code condition} answers something other than null or false, looking again at a redrawn page. */
    <T> T until(Function<WebDriver, T> condition) {
        return waiting().until(condition);
    }

    private WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        wait.ignoring(NoSuchElementException.class);
        return wait;
    }

    // --- what people look for -------------------------------------------------------------------------------

    /** Waits for the page's main heading (its h1) to read {@code text}, i.e. for that page to be drawn. */
    WebElement awaitHeading(String text) {
        return await(By.xpath("//div[@id='page']//h1[normalize-space()=" + literal(text) + "]"));
    }

    /** The page's main heading as it reads now (once there is one). */
    String heading() {
        return until(d -> {
            List<WebElement> h1 = d.findElements(By.cssSelector("#page h1"));
            return h1.isEmpty() || !h1.get(0).isDisplayed() ? null : h1.get(0).getText();
        });
    }

    /** A visible button on the page (outside dialogs) whose text is exactly {@code text}. */
    WebElement button(String text) {
        return await(buttonNamed(text, "//div[@id='page']"));
    }

    /** Clicks a button on the page by its text (once it is there and enabled). */
    void click(String buttonText) {
        clickOn(buttonNamed(buttonText, "//div[@id='page']"));
    }

    /**
     * Clicks the first visible element found, once it can be clicked, brought to the middle of the window first (as a
     * person scrolls to what they click; the top bar stays over the top of the page).
     */
    void clickOn(By locator) {
        waiting().until(d -> {
            WebElement el = d.findElements(locator).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
            if (el == null || !el.isEnabled()) {
                return false;
            }
            ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});", el);
            try {
                el.click();
                return true;
            } catch (ElementClickInterceptedException covered) {
                return false;
            }
        });
    }

    /** Whether the page now shows a button with this text (no waiting: ask once the page is drawn). */
    boolean hasButton(String text) {
        return driver.findElements(buttonNamed(text, "//div[@id='page']")).stream().anyMatch(WebElement::isDisplayed);
    }

    /** The texts of the visible buttons in a part of the page, e.g. {@code "//aside"}. */
    List<String> buttonTexts(String scopeXpath) {
        return driver.findElements(By.xpath(scopeXpath + "//button")).stream().filter(WebElement::isDisplayed)
                .map(b -> b.getText().strip()).collect(Collectors.toList());
    }

    /** Clicks a link on the page, or in the navigation around it, by its text. */
    void clickLink(String text) {
        clickOn(By.xpath("//a[normalize-space()=" + literal(text) + "]"));
    }

    /** Clicks Inbox in the top bar (its text carries the unread count, as in "Inbox 2"). */
    void openInbox() {
        clickOn(By.xpath("//header[@id='topbar']//a[span[normalize-space()='Inbox']]"));
        awaitHeading("Inbox");
    }

    /** Clicks a link whose text contains {@code text} inside the page (a request in a list, a resource in a table). */
    void clickLinkContaining(String text) {
        clickOn(By.xpath("//div[@id='page']//a[contains(normalize-space(), " + literal(text) + ")]"));
    }

    /** The control a {@code <label for>} with this text names, anywhere on the page or in an open dialog. */
    WebElement field(String label) {
        return field(driver, label);
    }

    private WebElement field(SearchContext scope, String label) {
        return waiting().until(d -> {
            for (WebElement l : scope.findElements(By.xpath(".//label[normalize-space()=" + literal(label) + "]"))) {
                String id = l.getAttribute("for");
                if (id != null && !id.isEmpty()) {
                    WebElement control = d.findElement(By.id(id));
                    if (control.isDisplayed()) {
                        return control;
                    }
                }
            }
            return null;
        });
    }

    /** Replaces what a labelled text field or text area holds. */
    void type(String label, String text) {
        WebElement control = field(label);
        control.clear();
        control.sendKeys(text);
    }

    /** Chooses the option with this visible text in a labelled select. */
    void choose(String label, String optionText) {
        WebElement control = field(label);
        waiting().until(d -> new Select(control).getOptions().stream().anyMatch(o -> o.getText().equals(optionText)));
        new Select(control).selectByVisibleText(optionText);
    }

    /** The option texts of a labelled select. */
    List<String> options(String label) {
        return new Select(field(label)).getOptions().stream().map(WebElement::getText).toList();
    }

    /** The message the console shows at the top of a page after an action. */
    String awaitFlash(String text) {
        By flash = By.cssSelector("#flash .flash-message");
        awaitText(flash, text);
        return driver.findElement(flash).getText();
    }

    /** The page's text (what a person reads), once it contains {@code text}. */
    String awaitPageText(String text) {
        awaitText(By.id("page"), text);
        return pageText();
    }

    String pageText() {
        return driver.findElement(By.id("page")).getText();
    }

    /** Waits for the open dialog with this title. */
    Dialog dialog(String title) {
        WebElement el = await(By.xpath("//dialog[@open][.//h2[normalize-space()=" + literal(title) + "]]"));
        return new Dialog(el);
    }

    /** An open native {@code <dialog>}. */
    final class Dialog {

        private final WebElement el;

        private Dialog(WebElement el) {
            this.el = el;
        }

        WebElement element() {
            return el;
        }

        String text() {
            return el.getText();
        }

        WebElement field(String label) {
            return ConsoleBrowser.this.field(el, label);
        }

        void type(String label, String text) {
            WebElement control = field(label);
            control.clear();
            control.sendKeys(text);
        }

        /** The labels of the check boxes in the dialog. */
        List<String> checkboxLabels() {
            return el.findElements(By.xpath(".//input[@type='checkbox']/following-sibling::label")).stream()
                    .map(l -> l.getText().strip()).toList();
        }

        /** Ticks the check box whose label contains {@code text}. */
        void check(String text) {
            WebElement label = el.findElement(By.xpath(".//input[@type='checkbox']/following-sibling::label[contains("
                    + "normalize-space(), " + literal(text) + ")]"));
            WebElement box = driver.findElement(By.id(label.getAttribute("for")));
            if (!box.isSelected()) {
                label.click();
            }
        }

        void click(String buttonText) {
            waiting().until(ExpectedConditions.elementToBeClickable(el.findElement(
                    By.xpath(".//button[normalize-space()=" + literal(buttonText) + "]")))).click();
        }

        /** Waits for the dialog to close (after its action succeeded). */
        void awaitClosed() {
            waiting().until(d -> {
                try {
                    return !el.isDisplayed();
                } catch (StaleElementReferenceException gone) {
                    return true;
                }
            });
        }

        /** Waits for an error shown inside the dialog, which stays open. */
        String awaitError(String text) {
            waiting().until(d -> el.getText().contains(text));
            return el.getText();
        }

        /** Waits for the dialog's error box to say something, and answers what. */
        String awaitErrorBox() {
            return waiting().until(d -> {
                String text = el.findElement(By.cssSelector(".dialog-error")).getText().strip();
                return text.isEmpty() ? null : text;
            });
        }

        boolean isOpen() {
            try {
                return el.isDisplayed() && el.getAttribute("open") != null;
            } catch (StaleElementReferenceException gone) {
                return false;
            }
        }
    }

    // --- signing in and out ---------------------------------------------------------------------------------

    /** Signs in on the sign-in page with email and password; answers once the console has left the sign-in page. */
    void signIn(String email, String password) {
        if (!path().startsWith("/sign-in")) {
            open("/sign-in");
        }
        awaitHeading("Sign in");
        type("Email", email);
        type("Password", password);
        click("Sign in");
        waiting().until(d -> !path().startsWith("/sign-in") && !d.findElements(By.cssSelector("#page h1")).isEmpty());
    }

    /** Signs out with the top bar's button; answers on the sign-in page. */
    void signOut() {
        clickOn(By.xpath("//header[@id='topbar']//button[normalize-space()='Sign out']"));
        awaitPath("/sign-in");
        awaitHeading("Sign in");
    }

    /** The browser's cookie with this name, or null. */
    Cookie cookie(String name) {
        return driver.manage().getCookieNamed(name);
    }

    /**
     * Runs {@code fetch} in the page as its own scripts could, and answers the status: {@code headers} a JSON
     * object literal such as {@code {"X-CSRF-Token": "..."}}.
     */
    long fetchStatus(String method, String path, String jsonBody, String headers) {
        Object status = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = Object.assign({'Content-Type': 'application/json'}, JSON.parse(arguments[3]));
                fetch(arguments[1], {method: arguments[0], headers, body: arguments[2], credentials: 'same-origin'})
                  .then((r) => done(r.status), (e) => done(-1));
                """, method, path, jsonBody, headers == null ? "{}" : headers);
        return ((Number) status).longValue();
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    void screenshot(String name) {
        try {
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static By buttonNamed(String text, String scope) {
        return By.xpath(scope + "//button[normalize-space()=" + literal(text) + "]");
    }

    /** An XPath string literal for any text (one with both quote characters is built with concat). */
    static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        if (!text.contains("\"")) {
            return "\"" + text + "\"";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }
}
