package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.countersign.distribution.WorkspaceFixtures.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Immuta "Approve to Promote" flow of seeds/003, end to end through the running distribution. */
class ApproveToPromoteIT {

    private static final String WS = "/api/v1/workspaces/governance";
    private static final String RULES = """
            rule 'policies need two approvals', {
                when { resource.type == 'policy' }
                requireApproval()
                approvals 2
            }
            rule 'governors cannot approve their own policies', {
                when { resource.type == 'policy' }
                forbidSelfApproval()
                forbidContributorApproval()
            }
            """;

    @TempDir
    Path dir;


    @Test
    void aPolicyIsReviewedApprovedPromotedAndDeletedFromProductionThroughApproval() {
        try (RunningCountersign server = RunningCountersign.installIn(dir.resolve("countersign")).start()) {
            Api api = server.api();
            WorkspaceFixtures fx = new WorkspaceFixtures(api);
            api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"governance\",\"name\":\"Governance\"}").expect(201);
            api.patch(WS + "/settings", ADMIN_TOKEN, "{\"environments\":[\"development\",\"production\"],"
                    + "\"requireApprovals\":true,\"promotion\":{\"enabled\":true,\"reviewerRoles\":[\"workspace_editor\"]}}")
                    .expect(200);
            ObjectNode rules = Api.JSON.createObjectNode().put("source", RULES);
            api.put(WS + "/rules", ADMIN_TOKEN, rules.toString()).expect(200);
            Person author = fx.member(WS, "governor1@example.com", "workspace_draft_editor");
            Person governor = fx.member(WS, "governor2@example.com", "workspace_editor");
            Person owner = fx.member(WS, "owner@example.com", "source_admin");
            String source = api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"source\",\"name\":\"HR\",\"owners\":[\""
                    + owner.id() + "\"],\"config\":{\"kind\":\"postgres\",\"connection\":{\"host\":\"hr\"}},"
                    + "\"mode\":\"publish\"}").expect(201).json().get("id").asText();

            // created in development, the policy is in review, and the source's owner is asked
            JsonNode created = api.post(WS + "/resources", author.token(), "{\"type\":\"policy\",\"name\":\"Mask salaries\","
                    + "\"config\":{\"actions\":[{\"type\":\"mask\",\"columnTags\":[\"salary\"]}],\"dataSources\":[\""
                    + source + "\"]},\"mode\":\"submit\"}").expect(201).json();
            String policy = created.get("id").asText();
            String review = created.get("openRequest").asText();
            JsonNode inReview = api.get(WS + "/requests/" + review, owner.token()).expect(200).json();
            assertThat(inReview.get("reviewers").toString()).contains(owner.id());
            assertThat(inReview.get("remainingApprovals").asInt()).isEqualTo(2);

            // a governor cannot approve their own policy; a change request needs an explanation and freezes approval
            api.post(WS + "/requests/" + review + "/approve", author.token(), "").expectProblem(403,
                    "self_approval_forbidden");
            api.post(WS + "/requests/" + review + "/request-changes", owner.token(), "").expectProblem(400,
                    "comment_required");
            api.post(WS + "/requests/" + review + "/approve", governor.token(), "").expect(200);
            api.post(WS + "/requests/" + review + "/request-changes", owner.token(), "{\"comment\":\"also mask bonus\"}")
                    .expect(200);
            api.post(WS + "/requests/" + review + "/approve", governor.token(), "").expectProblem(409, "invalid_state");

            // the update reopens it and earlier approvals must be given again
            api.put(WS + "/resources/" + policy + "/draft", author.token(), "{\"config\":{\"actions\":[{\"type\":\"mask\","
                    + "\"columnTags\":[\"salary\",\"bonus\"]}],\"dataSources\":[\"" + source + "\"]}}").expect(200);
            JsonNode reopened = api.get(WS + "/requests/" + review, owner.token()).expect(200).json();
            assertThat(reopened.get("state").asText()).isEqualTo("open");
            assertThat(reopened.get("remainingApprovals").asInt()).isEqualTo(2);
            assertThat(api.post(WS + "/requests/" + review + "/approve", owner.token(), "{\"comment\":\"good\"}")
                    .expect(200).json().get("remainingApprovals").asInt()).isEqualTo(1);
            assertThat(api.post(WS + "/requests/" + review + "/approve", governor.token(), "").expect(200).json()
                    .get("state").asText()).isEqualTo("applied");
            assertThat(api.get(WS + "/resources/" + policy, ADMIN_TOKEN).json().get("published").has("development"))
                    .isTrue();

            // promote to production: reviewed, then promoted by the requester
            JsonNode promotion = api.post(WS + "/requests", author.token(), "{\"kind\":\"promote\",\"resources\":[\""
                    + policy + "\"],\"comment\":\"ready for production\"}").expect(201).json();
            String promote = promotion.get("id").asText();
            api.post(WS + "/requests/" + promote + "/approve", owner.token(), "").expectProblem(403, "not_eligible");
            api.post(WS + "/requests/" + promote + "/approve", governor.token(), "").expect(200);
            api.post(WS + "/requests/" + promote + "/approve", ADMIN_TOKEN, "").expectProblem(403, "not_eligible");
            api.put(WS + "/members/" + owner.id(), ADMIN_TOKEN, "{\"role\":\"workspace_editor\"}").expect(200);
            assertThat(api.post(WS + "/requests/" + promote + "/approve", owner.token(), "").expect(200).json()
                    .get("state").asText()).isEqualTo("approved");
            api.post(WS + "/requests/" + promote + "/apply", author.token(), "").expect(200);
            assertThat(api.get(WS + "/resources/" + policy, ADMIN_TOKEN).json().get("published").has("production"))
                    .isTrue();

            // deleting it from production goes through the same approval
            api.delete(WS + "/resources/" + policy + "?environment=production", author.token())
                    .expectProblem(403, "approval_required");
            String removal = api.post(WS + "/requests", author.token(), "{\"kind\":\"delete\",\"resources\":[\"" + policy
                    + "\"],\"targetEnvironment\":\"production\"}").expect(201).json().get("id").asText();
            api.post(WS + "/requests/" + removal + "/approve", governor.token(), "").expect(200);
            assertThat(api.post(WS + "/requests/" + removal + "/approve", owner.token(), "").expect(200).json()
                    .get("state").asText()).isEqualTo("applied");
            JsonNode after = api.get(WS + "/resources/" + policy, ADMIN_TOKEN).expect(200).json();
            assertThat(after.get("published").has("production")).isFalse();
            assertThat(after.get("published").has("development")).isTrue();
            assertThat(api.get(WS + "/audit/verify", ADMIN_TOKEN).json().get("ok").asBoolean()).isTrue();
        }
    }

}
