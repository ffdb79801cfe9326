package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import org.countersign.distribution.WorkspaceFixtures.Person;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The Environment Promotion workflow (seeds/002, docs/domain.md#environments-and-promotion) clicked through the
 * console: with promotions needing an approved request from a release manager who is an assignee, the requester asks to
 * promote a published model from development to production, the assignee reads the review (workspace, resource,
 * environments, revision, message) on the Pending tab and approves it, and the requester promotes it.
 */
class ConsolePromotionBrowserIT extends ConsoleBrowserSupport {

    private static final String WS = "/api/v1/workspaces/analytics";

    Person erin;
    Person rhea;
    Person sam;
    Person finn;
    String model;

    @Override
    void setUp() {
        api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"analytics\",\"name\":\"Analytics\"}").expect(201);
        api.put(WS + "/roles/release_manager", ADMIN_TOKEN, "{\"description\":\"Reviews promotions\",\"statements\":["
                + "{\"effect\":\"allow\",\"actions\":[\"read\",\"approve\"],\"resourceTypes\":[\"*\"]}]}").expect(200);
        erin = member(WS, "Erin Editor", "erin@example.com", "workspace_editor");
        finn = member(WS, "Finn Editor", "finn@example.com", "workspace_editor");
        rhea = member(WS, "Rhea Release", "rhea@example.com", "release_manager");
        sam = member(WS, "Sam Release", "sam@example.com", "release_manager");
        api.patch(WS + "/settings", ADMIN_TOKEN, "{\"environments\":[\"development\",\"production\"],\"promotion\":"
                + "{\"enabled\":true,\"reviewerRoles\":[\"release_manager\"],\"assignees\":[\"" + rhea.id() + "\"]}}")
                .expect(200);
        String source = fx.publishedSource(WS, "Warehouse");
        model = api.post(WS + "/resources", erin.token(), "{\"type\":\"model\",\"name\":\"Daily revenue\",\"config\":"
                + "{\"sourceId\":\"" + source + "\",\"query\":\"select day, sum(amount) from orders group by day\","
                + "\"primaryKey\":\"day\"},\"mode\":\"publish\"}").expect(201).json().get("id").asText();
    }

    @Test
    void theRequesterAsksToPromoteTheAssigneeApprovesAndTheRequesterPromotes() {
        signInAs(erin);
        browser.awaitHeading("Resources");
        browser.clickLinkContaining("Daily revenue");
        browser.awaitHeading("Daily revenue");
        assertThat(browser.awaitPageText("Revision 1")).contains("development").contains("Not published");

        browser.click("Request to promote");
        ConsoleBrowser.Dialog ask = browser.dialog("Request to promote");
        assertThat(browser.options("From")).containsExactly("development (revision 1)");
        assertThat(ask.text()).contains("To production (not published there yet)");
        ask.type("Message for the reviewer", "Revenue by day for the finance dashboard");
        ask.click("Submit request");
        browser.awaitFlash("Promotion request #1 submitted.");
        String request = browser.path();
        assertThat(browser.awaitPageText("wants to promote 1 resource from development to production"))
                .contains("Open").contains("Rhea Release");
        assertThat(browser.hasButton("Promote")).as("nothing to promote before it is approved").isFalse();
        assertThat(browser.hasButton("Approve")).as("the requester does not review her own promotion").isFalse();

        // only the assignee reviews it: the other release manager and the editors do not
        String id = request.substring(request.lastIndexOf('/') + 1);
        assertThat(api.get(WS + "/requests?reviewer=me", sam.token()).expect(200).json().get("items")).isEmpty();
        api.post(WS + "/requests/" + id + "/approve", sam.token(), "{}").expectProblem(403, "not_eligible");
        api.post(WS + "/requests/" + id + "/approve", finn.token(), "{}").expectProblem(403, "not_eligible");

        signInAs(rhea);
        browser.clickLink("Approvals");
        browser.awaitHeading("Approvals");
        browser.awaitPageText("development → production");
        browser.clickLinkContaining("Daily revenue");
        browser.awaitPageText("Promotion");
        assertThat(browser.path()).isEqualTo(request);
        String promotion = browser.await(By.xpath("//section[.//h2[normalize-space()='Promotion']]")).getText();
        assertThat(promotion).contains("Workspace").contains("Analytics").contains("model “Daily revenue”")
                .contains("From\ndevelopment").contains("To\nproduction").contains("Daily revenue: revision 1");
        assertThat(browser.await(By.cssSelector("section[aria-label='Message from the author']")).getText())
                .contains("Erin Editor").contains("Revenue by day for the finance dashboard");
        // a promotion has no drafts: nothing to delete
        assertThat(browser.buttonTexts("//aside")).containsExactly("Approve", "Request changes", "Decline", "Withdraw");
        browser.screenshot("10-promotion-review");

        browser.click("Approve");
        ConsoleBrowser.Dialog approve = browser.dialog("Approve");
        approve.type("Comment (optional)", "Checked against last month's numbers");
        approve.click("Approve");
        browser.awaitFlash("Approved. The requester can promote it now.");
        assertThat(browser.awaitPageText("Approved")).contains("Checked against last month's numbers");
        assertThat(api.get(WS + "/resources/" + model, ADMIN_TOKEN).json().path("published").has("production"))
                .as("approving does not promote: the requester does").isFalse();

        signInAs(erin);
        browser.clickLink("Approvals");
        browser.awaitHeading("Approvals");
        browser.clickLink("Mine");
        browser.clickLinkContaining("Daily revenue");
        browser.awaitPageText("Approved. The requester can promote it now.");
        browser.click("Promote");
        ConsoleBrowser.Dialog promote = browser.dialog("Promote now?");
        assertThat(promote.text()).contains("from development to production");
        promote.click("Promote");
        browser.awaitFlash("Promoted to production.");
        browser.awaitPageText("Applied");

        browser.clickLinkContaining("Daily revenue");
        browser.awaitHeading("Daily revenue");
        String environments = browser.await(By.xpath("//section[.//h2[normalize-space()='Environments']]")).getText();
        assertThat(environments).contains("development Revision 1").contains("production Revision 1");
        JsonNode published = api.get(WS + "/resources/" + model, ADMIN_TOKEN).expect(200).json().get("published");
        assertThat(published.at("/production/revision").asInt()).isEqualTo(1);
    }
}
