package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import org.countersign.distribution.WorkspaceFixtures.Person;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Hightouch approval flow (seeds/000, /001) clicked through the console: a draft editor creates a model, saves
 * it as a draft and submits it to a reviewer she picks; the reviewer finds it on the Pending tab, reads the SQL diff
 * and approves and publishes it. An editor who may publish directly uses Publish now; requests are declined,
 * withdrawn and discarded from the request page; and what the console hides from a viewer the server refuses too.
 */
class ConsoleApprovalsBrowserIT extends ConsoleBrowserSupport {

    private static final String WS = "/api/v1/workspaces/growth";

    Person dana;
    Person erin;
    Person finn;
    Person vic;
    String warehouse;

    @Override
    void setUp() {
        api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"growth\",\"name\":\"Growth\"}").expect(201);
        api.patch(WS + "/settings", ADMIN_TOKEN, "{\"requireApprovals\":true}").expect(200);
        dana = member(WS, "Dana Draft", "dana@example.com", "workspace_draft_editor");
        erin = member(WS, "Erin Editor", "erin@example.com", "workspace_editor");
        finn = member(WS, "Finn Editor", "finn@example.com", "workspace_editor");
        vic = member(WS, "Vic Viewer", "vic@example.com", "workspace_viewer");
        warehouse = fx.publishedSource(WS, "Warehouse");
    }

    @Test
    void aDraftEditorSubmitsANewModelToAReviewerWhoApprovesAndPublishesItFromThePendingTab() {
        signInAs(dana);
        // one workspace: the console goes straight to its resources
        browser.awaitHeading("Resources");
        assertThat(browser.path()).isEqualTo("/w/growth");
        browser.screenshot("03-resources");

        browser.click("New resource");
        browser.awaitHeading("New model");
        browser.type("Name", "Active users");
        browser.choose("Source (sourceId)", "Warehouse");
        browser.type("Query (SQL)", "select id, email\nfrom users\nwhere active");
        WebElement json = browser.field("Other config (JSON)");
        assertThat(json.getAttribute("value")).contains("\"sourceId\": \"" + warehouse + "\"");
        browser.type("Other config (JSON)", json.getAttribute("value").replace("\"primaryKey\": \"\"", "\"primaryKey\": \"id\""));
        // a draft editor may not publish models herself: the editor does not offer it
        assertThat(browser.hasButton("Publish now")).isFalse();
        browser.screenshot("05-draft-editor");
        browser.click("Save as draft");
        browser.awaitFlash("Draft of “Active users” saved.");
        browser.awaitHeading("Active users");

        browser.click("Submit approval request");
        ConsoleBrowser.Dialog submit = browser.dialog("Submit approval request");
        // the picker lists only the people who can approve: the editors and the workspace's admin, not the
        // viewer, not Dana herself
        assertThat(submit.checkboxLabels()).containsExactlyInAnyOrder("Administrator admin@localhost",
                "Erin Editor erin@example.com", "Finn Editor finn@example.com");
        submit.check("Erin Editor");
        submit.type("Comment for the reviewers", "Active users for the spring campaign");
        browser.screenshot("06-submit-dialog");
        submit.click("Submit request");
        browser.awaitFlash("submitted. Reviewers are notified.");
        browser.awaitPageText("Publish model “Active users”");
        String request = browser.path();
        assertThat(request).startsWith("/w/growth/requests/");
        assertThat(browser.pageText()).contains("1 more approval required").contains("Active users for the spring campaign");
        assertThat(browser.hasButton("Approve & publish")).isFalse();
        assertThat(browser.hasButton("Withdraw")).isTrue();

        signInAs(erin);
        browser.clickLink("Approvals");
        browser.awaitHeading("Approvals");
        browser.awaitPageText("Publish model “Active users”");
        browser.screenshot("07-approvals-pending");
        browser.clickLinkContaining("Active users");
        browser.awaitPageText("Changes (1)");
        assertThat(browser.path()).isEqualTo(request);
        // the SQL as a side-by-side line diff: every line of a new model is added
        WebElement diff = browser.await(By.cssSelector("table.diff-split"));
        assertThat(diff.findElements(By.cssSelector("td.diff-add")).stream().map(WebElement::getText))
                .anyMatch(t -> t.contains("where active"));
        assertThat(browser.pageText()).contains("Erin Editor").contains("Active users for the spring campaign");
        browser.screenshot("09-request-diff");

        browser.click("Approve & publish");
        ConsoleBrowser.Dialog approve = browser.dialog("Approve & publish");
        approve.type("Comment (optional)", "Looks right");
        approve.click("Approve & publish");
        browser.awaitFlash("Approved and published.");
        browser.awaitPageText("Applied");

        browser.clickLinkContaining("Active users");
        browser.awaitHeading("Active users");
        String page = browser.awaitPageText("Revision 1");
        assertThat(page).contains("Published").doesNotContain("Unpublished changes");
        browser.screenshot("04-resource");
    }

    @Test
    void anEditorWhoMayPublishDirectlyUsesPublishNowOnTheirOwnDraft() {
        signInAs(erin);
        browser.open("/w/growth/resources/new?type=model");
        browser.awaitHeading("New model");
        browser.type("Name", "Churned accounts");
        browser.choose("Source (sourceId)", "Warehouse");
        browser.type("Query (SQL)", "select id from accounts where churned");
        browser.type("Other config (JSON)", browser.field("Other config (JSON)").getAttribute("value")
                .replace("\"primaryKey\": \"\"", "\"primaryKey\": \"id\""));
        browser.click("Save as draft");
        browser.awaitFlash("Draft of “Churned accounts” saved.");
        browser.clickLink("Overview");
        browser.awaitPageText("Unpublished changes");

        browser.click("Publish now");
        ConsoleBrowser.Dialog publish = browser.dialog("Publish now");
        publish.type("Comment (optional)", "Needed for the churn report");
        publish.click("Publish now");
        browser.awaitFlash("Published to production.");
        String page = browser.awaitPageText("Revision 1");
        assertThat(page).contains("Published").doesNotContain("Unpublished changes");
        assertThat(browser.hasButton("Publish now")).isFalse();
        String id = browser.path().replaceAll(".*/resources/([^/?]+).*", "$1");
        JsonNode resource = api.get(WS + "/resources/" + id, ADMIN_TOKEN).expect(200).json();
        assertThat(resource.at("/published/production/revision").asInt()).isEqualTo(1);
        assertThat(resource.get("draft").isNull() || resource.get("draft").isMissingNode()).isTrue();
    }

    @Test
    void aReviewerDeclinesARequestAndTheDraftIsKept() {
        String id = draft(dana, "Trial signups", "select id from signups where trial");
        String request = submit(dana, id);

        signInAs(finn);
        browser.clickLink("Approvals");
        browser.awaitHeading("Approvals");
        browser.clickLinkContaining("Trial signups");
        browser.awaitPageText("Changes (1)");
        browser.click("Decline");
        ConsoleBrowser.Dialog decline = browser.dialog("Decline this request?");
        decline.type("Reason (optional)", "Trials are counted in the billing model already");
        decline.click("Decline");
        browser.awaitFlash("Declined. The author is notified.");
        assertThat(browser.awaitPageText("Nothing more can happen to it.")).contains("Declined")
                .contains("Trials are counted in the billing model already");
        assertThat(browser.buttonTexts("//aside")).isEmpty();

        JsonNode after = api.get(WS + "/requests/" + request, ADMIN_TOKEN).expect(200).json();
        assertThat(after.get("state").asText()).isEqualTo("declined");
        JsonNode resource = api.get(WS + "/resources/" + id, ADMIN_TOKEN).expect(200).json();
        assertThat(resource.path("draft").path("version").asInt()).isEqualTo(1);
        assertThat(resource.path("openRequest").isNull() || resource.path("openRequest").isMissingNode()).isTrue();
    }

    @Test
    void theAuthorWithdrawsHerRequestAndCanSubmitTheDraftAgain() {
        String id = draft(dana, "Newsletter readers", "select id from readers");
        String request = submit(dana, id);

        signInAs(dana);
        browser.open("/w/growth/approvals");
        browser.awaitHeading("Approvals");
        browser.clickLink("Mine");
        browser.clickLinkContaining("Newsletter readers");
        browser.awaitPageText("Changes (1)");
        assertThat(browser.path()).isEqualTo("/w/growth/requests/" + request);
        browser.click("Withdraw");
        ConsoleBrowser.Dialog withdraw = browser.dialog("Withdraw this request?");
        withdraw.click("Withdraw request");
        browser.awaitFlash("Request withdrawn. The drafts are kept.");
        browser.awaitPageText("This request is withdrawn.");
        assertThat(api.get(WS + "/requests/" + request, ADMIN_TOKEN).json().get("state").asText()).isEqualTo("withdrawn");

        browser.clickLinkContaining("Newsletter readers");
        browser.awaitHeading("Newsletter readers");
        browser.awaitPageText("Unpublished changes");
        assertThat(browser.hasButton("Submit approval request")).as("the kept draft can be submitted again").isTrue();
    }

    @Test
    void deletingTheDraftFromTheRequestPageDiscardsItAndLeavesThePublishedRevision() {
        String id = api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"model\",\"name\":\"Orders\",\"config\":"
                + config("select id from orders") + ",\"mode\":\"publish\"}").expect(201).json().get("id").asText();
        api.put(WS + "/resources/" + id + "/draft", dana.token(), "{\"config\":" + config("select id, total from orders")
                + "}").expect(200);
        String request = submit(dana, id);

        signInAs(dana);
        browser.open("/w/growth/requests/" + request);
        browser.awaitPageText("Changes (1)");
        browser.click("Delete draft");
        ConsoleBrowser.Dialog discard = browser.dialog("Delete the drafts?");
        assertThat(discard.text()).contains("cannot be recovered");
        discard.click("Delete draft");
        browser.awaitFlash("Drafts deleted.");
        browser.awaitPageText("This request is discarded.");
        assertThat(browser.pageText()).contains("Discarded");

        browser.clickLinkContaining("Orders");
        browser.awaitHeading("Orders");
        String page = browser.awaitPageText("Revision 1");
        assertThat(page).doesNotContain("Unpublished changes").doesNotContain("Pending approval");
        JsonNode resource = api.get(WS + "/resources/" + id, ADMIN_TOKEN).expect(200).json();
        assertThat(resource.path("draft").isNull() || resource.path("draft").isMissingNode()).isTrue();
        assertThat(resource.at("/published/production/revision").asInt()).isEqualTo(1);
    }

    @Test
    void whatTheConsoleHidesFromAViewerTheServerRefusesToo() {
        String id = draft(dana, "Paying customers", "select id from customers where paying");

        // the draft editor is offered no Publish now for her draft, and the server refuses it
        signInAs(dana);
        browser.open("/w/growth/resources/" + id);
        browser.awaitHeading("Paying customers");
        browser.awaitPageText("Unpublished changes");
        assertThat(browser.hasButton("Submit approval request")).isTrue();
        assertThat(browser.hasButton("Publish now")).isFalse();
        api.post(WS + "/resources/" + id + "/publish", dana.token(), "{}").expectProblem(403, "approval_required");
        String request = submit(dana, id);

        signInAs(vic);
        browser.open("/w/growth/requests/" + request);
        browser.awaitPageText("Changes (1)");
        assertThat(browser.pageText()).contains("There is nothing you can do on this request.");
        assertThat(browser.buttonTexts("//aside")).isEmpty();
        // neither with the viewer's API token nor with her console session (CSRF token and all)
        api.post(WS + "/requests/" + request + "/approve", vic.token(), "{}").expectProblem(403, "not_eligible");
        String csrf = browser.cookie("countersign_csrf").getValue();
        assertThat(browser.fetchStatus("POST", "/api/v1/workspaces/growth/requests/" + request + "/approve", "{}",
                "{\"X-CSRF-Token\": \"" + csrf + "\"}")).isEqualTo(403);
        assertThat(browser.fetchStatus("POST", "/api/v1/workspaces/growth/requests/" + request + "/decline", "{}",
                "{\"X-CSRF-Token\": \"" + csrf + "\"}")).isEqualTo(403);
        assertThat(api.get(WS + "/requests/" + request, ADMIN_TOKEN).json().get("state").asText()).isEqualTo("open");
    }

    private String config(String query) {
        return "{\"sourceId\":\"" + warehouse + "\",\"query\":\"" + query + "\",\"primaryKey\":\"id\"}";
    }

    /** A model {@code author} keeps as a draft; answers its id. */
    private String draft(Person author, String name, String query) {
        return api.post(WS + "/resources", author.token(), "{\"type\":\"model\",\"name\":\"" + name + "\",\"config\":"
                + config(query) + ",\"mode\":\"draft\"}").expect(201).json().get("id").asText();
    }

    /** Submits the draft for approval with no reviewer named (every eligible approver is notified). */
    private String submit(Person author, String resource) {
        return api.post(WS + "/requests", author.token(), "{\"resources\":[\"" + resource + "\"]}").expect(201).json()
                .get("id").asText();
    }
}
