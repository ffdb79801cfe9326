package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.countersign.distribution.WorkspaceFixtures.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A workspace whose rules ask two approvals of every change (docs/domain.md#approval-requests, #approval-rules),
 * clicked through the console: the request says how many approvals are still needed; a reviewer asks for changes, which
 * needs a reason; the author edits the draft in the console, which reopens the request with the earlier approval stale;
 * two approvals publish it, and it is promoted to production the same way. Then the workspace admin's pages, with what
 * this left in them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleRulesBrowserIT extends ConsoleBrowserSupport {

    private static final String WS = "/api/v1/workspaces/finance";

    Receiver webhook;
    Person admin;
    Person dana;
    Person erin;
    Person finn;
    Person gus;
    String source;
    String model;
    String request;

    @Override
    void setUp() {
        webhook = new Receiver();
        api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"finance\",\"name\":\"Finance\"}").expect(201);
        api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"marketing\",\"name\":\"Marketing\"}").expect(201);
        api.patch(WS + "/settings", ADMIN_TOKEN, "{\"requireApprovals\":true,\"environments\":[\"development\","
                + "\"production\"],\"notifications\":[{\"type\":\"webhook\",\"url\":\"" + webhook.url("/hook")
                + "\",\"secret\":\"a-secret-of-sixteen\"}]}").expect(200);
        api.put("/api/v1/me/password", ADMIN_TOKEN, "{\"password\":\"" + PASSWORD + "\"}").expect(204);
        admin = new Person(fx.adminId(), "admin@localhost", ADMIN_TOKEN);
        dana = member(WS, "Dana Draft", "dana@example.com", "workspace_draft_editor");
        erin = member(WS, "Erin Editor", "erin@example.com", "workspace_editor");
        finn = member(WS, "Finn Editor", "finn@example.com", "workspace_editor");
        gus = member(WS, "Gus Editor", "gus@example.com", "workspace_editor");
        source = fx.publishedSource(WS, "Ledger");
        model = api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"model\",\"name\":\"Revenue\",\"config\":"
                + config("select id, amount\\nfrom invoices") + ",\"mode\":\"publish\"}").expect(201).json().get("id")
                .asText();
        ObjectNode rules = Api.JSON.createObjectNode().put("source", "rule 'two', { approvals 2 }");
        api.put(WS + "/rules", ADMIN_TOKEN, rules.toString()).expect(200);

        api.put(WS + "/resources/" + model + "/draft", dana.token(), "{\"config\":"
                + config("select id, amount, 'EUR' as currency\\nfrom invoices") + "}").expect(200);
        request = api.post(WS + "/requests", dana.token(), "{\"resources\":[\"" + model + "\"],\"reviewers\":[\""
                + erin.email() + "\",\"" + finn.email() + "\"],\"comment\":\"Revenue with its currency\"}").expect(201)
                .json().get("id").asText();
    }

    @AfterAll
    void stopReceiver() {
        webhook.close();
    }

    private String config(String query) {
        return "{\"sourceId\":\"" + source + "\",\"query\":\"" + query + "\",\"primaryKey\":\"id\"}";
    }

    @Test
    @Order(1)
    void twoApprovalsAChangeRequestAnEditThatMakesTheFirstApprovalStaleThenPublishAndPromote() {
        String page = "/w/finance/requests/" + request;

        // the first approval: one more is needed
        signInAs(erin);
        browser.clickLink("Approvals");
        browser.awaitHeading("Approvals");
        assertThat(browser.awaitPageText("Publish model “Revenue”")).contains("2 more approvals required");
        browser.clickLinkContaining("Revenue");
        browser.awaitPageText("2 more approvals required");
        assertThat(browser.path()).isEqualTo(page);
        assertThat(browser.pageText()).contains("2 approvals from anyone with approve permission");
        browser.click("Approve");
        browser.dialog("Approve").click("Approve");
        browser.awaitFlash("Approved. 1 more approval required");
        assertThat(browser.awaitPageText("1 of 2")).contains("Erin Editor");

        // changes requested: not without a reason (the server refuses an empty one too)
        api.post(WS + "/requests/" + request + "/request-changes", gus.token(), "{}").expectProblem(400,
                "comment_required");
        signInAs(finn);
        browser.open(page);
        browser.awaitPageText("1 more approval required");
        assertThat(browser.hasButton("Approve & publish")).as("the last approval publishes").isTrue();
        browser.click("Request changes");
        ConsoleBrowser.Dialog changes = browser.dialog("Request changes");
        changes.click("Request changes");
        // the browser's own message for the required field, shown in the dialog, which stays open
        assertThat(changes.awaitErrorBox()).isNotBlank();
        assertThat(changes.isOpen()).isTrue();
        assertThat(api.get(WS + "/requests/" + request, ADMIN_TOKEN).json().get("state").asText()).isEqualTo("open");
        changes.type("What needs to change", "Take the currency from the invoice, not a constant");
        changes.click("Request changes");
        browser.awaitFlash("Changes requested. The author is notified.");
        assertThat(browser.awaitPageText("Approving is frozen until the author updates the draft."))
                .contains("Changes requested").contains("Take the currency from the invoice, not a constant");
        assertThat(browser.hasButton("Approve & publish")).isFalse();
        assertThat(browser.hasButton("Approve")).isFalse();

        // the author finds it in her inbox and edits the draft in the console
        signInAs(dana);
        browser.openInbox();
        Await.until(Duration.ofSeconds(20), () -> {
            if (!browser.pageText().contains("Revenue")) {
                browser.driver().navigate().refresh();
                browser.awaitHeading("Inbox");
            }
            assertThat(browser.pageText()).contains("Revenue");
        });
        browser.screenshot("08-inbox");
        browser.clickLinkContaining("Revenue");
        browser.awaitPageText("Approving is frozen until the author updates the draft.");
        assertThat(browser.path()).isEqualTo(page);
        browser.await(By.xpath("//article//h3//a[normalize-space()='Revenue']")).click();
        browser.awaitHeading("Revenue");
        browser.clickLink("Edit draft");
        WebElement sql = browser.field("Query (SQL)");
        assertThat(sql.getAttribute("value")).isEqualTo("select id, amount, 'EUR' as currency\nfrom invoices");
        assertThat(browser.pageText()).contains("This draft is in an open approval request.");
        browser.type("Query (SQL)", "select id, amount, currency\nfrom invoices");
        browser.click("Save as draft");
        browser.awaitFlash("Draft saved (version 2).");
        browser.clickLink("View request");
        browser.awaitPageText("Changes (1)");
        assertThat(browser.path()).isEqualTo(page);
        String reviews = browser.await(By.xpath("//section[.//h2[normalize-space()='Reviews']]")).getText();
        assertThat(reviews).contains("Erin Editor").contains("Stale: given on an earlier version, it no longer counts.");
        assertThat(browser.pageText()).contains("Open").contains("2 more approvals required");

        // Erin sees what changed since she approved, and approves again; Finn's approval publishes it
        signInAs(erin);
        browser.clickLink("Approvals");
        browser.awaitHeading("Approvals");
        browser.clickLinkContaining("Revenue");
        String since = browser.await(By.cssSelector("section.since-panel")).getText();
        assertThat(since).contains("Changes since your last review").contains("currency");
        WebElement diff = browser.await(By.cssSelector("section.since-panel table.diff-split"));
        assertThat(diff.findElements(By.cssSelector("td.diff-add")).stream().map(WebElement::getText))
                .anyMatch(t -> t.contains("select id, amount, currency"));
        assertThat(diff.findElements(By.cssSelector("td.diff-del")).stream().map(WebElement::getText))
                .anyMatch(t -> t.contains("'EUR' as currency"));
        browser.screenshot("19-changes-since-review");
        browser.click("Approve");
        browser.dialog("Approve").click("Approve");
        browser.awaitFlash("Approved. 1 more approval required");

        signInAs(finn);
        browser.clickLink("Approvals");
        browser.awaitHeading("Approvals");
        browser.clickLinkContaining("Revenue");
        browser.awaitPageText("1 more approval required");
        browser.click("Approve & publish");
        browser.dialog("Approve & publish").click("Approve & publish");
        browser.awaitFlash("Approved and published.");
        browser.awaitPageText("Applied");
        JsonNode published = api.get(WS + "/resources/" + model, ADMIN_TOKEN).expect(200).json();
        assertThat(published.at("/published/development/revision").asInt()).isEqualTo(2);
        assertThat(published.at("/published/development/config/query").asText())
                .isEqualTo("select id, amount, currency\nfrom invoices");

        // then to production: the rule adds approvals where approval is needed, and an editor may promote
        // directly, so it is promoted at once
        signInAs(erin);
        browser.open("/w/finance/resources/" + model);
        browser.awaitHeading("Revenue");
        browser.awaitPageText("Revision 2");
        browser.click("Promote");
        ConsoleBrowser.Dialog promote = browser.dialog("Promote");
        assertThat(browser.options("From")).containsExactly("development (revision 2)");
        assertThat(promote.text()).contains("To production (not published there yet)");
        promote.type("Message (optional)", "Currency in the production revenue model");
        promote.click("Promote");
        browser.awaitFlash("Promoted to production.");
        assertThat(browser.awaitPageText("Applied")).contains("Currency in the production revenue model");
        browser.clickLinkContaining("Revenue");
        browser.awaitHeading("Revenue");
        String environments = browser.await(By.xpath("//section[.//h2[normalize-space()='Environments']]")).getText();
        assertThat(environments).contains("development Revision 2").contains("production Revision 2");
    }

    @Test
    @Order(2)
    void theWorkspaceAdminsPagesShowSettingsMembersRolesRulesAuditAndDeliveries() {
        signInAs(admin);
        // the console opens the workspace used last in this browser, if any
        if (!browser.heading().equals("Workspaces")) {
            browser.clickLink("Switch");
            browser.awaitHeading("Workspaces");
        }
        assertThat(browser.pageText()).contains("Finance").contains("Marketing");
        browser.screenshot("02-workspaces");
        browser.clickLink("Finance");
        browser.awaitHeading("Resources");
        assertThat(browser.pageText()).contains("Revenue").contains("Ledger");

        browser.clickLink("Settings");
        browser.awaitHeading("Settings");
        assertThat(browser.field("Environments").getAttribute("value")).isEqualTo("development, production");
        assertThat(browser.pageText()).contains("Notification channels").contains("Webhook").contains("URL set (hidden).");
        browser.screenshot("11-admin-settings");
        browser.click("Send test");
        browser.awaitPageText("Test sent on the webhook channel.");
        assertThat(webhook.calls("/hook")).anyMatch(call -> call.body().contains("notification.test"));

        browser.clickLink("Members");
        browser.awaitHeading("Members");
        assertThat(browser.awaitPageText("Dana Draft")).contains("Erin Editor").contains("gus@example.com");
        browser.screenshot("12-admin-members");

        browser.clickLink("Roles");
        browser.awaitHeading("Roles");
        assertThat(browser.awaitPageText("workspace_draft_editor")).contains("workspace_viewer");
        browser.screenshot("13-admin-roles");

        browser.clickLink("Rules");
        browser.awaitHeading("Rules");
        assertThat(browser.field("Rules script (Groovy)").getAttribute("value")).isEqualTo("rule 'two', { approvals 2 }");
        assertThat(browser.pageText()).contains("Version 1").contains("by Administrator");
        browser.screenshot("14-admin-rules");

        browser.clickLink("Audit log");
        browser.awaitHeading("Audit log");
        assertThat(browser.awaitPageText("The chain is intact.")).contains("request.");
        browser.screenshot("15-admin-audit");

        browser.clickLink("Deliveries");
        browser.awaitHeading("Deliveries");
        assertThat(browser.awaitPageText("webhook")).contains("Delivered");
        browser.screenshot("16-admin-deliveries");
    }
}
