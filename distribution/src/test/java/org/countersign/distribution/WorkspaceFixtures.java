package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.StreamSupport;
import org.countersign.distribution.Api.Response;

/** Users, workspaces and members set up through the API by the instance admin. */
final class WorkspaceFixtures {

    private final Api api;

    WorkspaceFixtures(Api api) {
        this.api = api;
    }

    /** A user and one API key of theirs. */
    record Person(String id, String email, String token) {
    }

    Person person(String email) {
        Response user = api.post("/api/v1/users", ADMIN_TOKEN, "{\"email\":\"" + email + "\",\"name\":\"Name of " + email + "\"}")
                .expect(201);
        String id = user.json().get("id").asText();
        Response key = api.post("/api/v1/users/" + id + "/api-keys", ADMIN_TOKEN, "{\"name\":\"it\"}").expect(201);
        return new Person(id, email, key.json().get("token").asText());
    }

    /** Creates a workspace as the instance admin and answers its base path. */
    String workspace(String slug) {
        api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"" + slug + "\",\"name\":\"Workspace " + slug + "\"}")
                .expect(201);
        return "/api/v1/workspaces/" + slug;
    }

    /** A new user who is a member of {@code ws} with {@code role}. */
    Person member(String ws, String email, String role) {
        Person person = person(email);
        member(ws, person, role);
        return person;
    }

    void member(String ws, Person person, String role) {
        api.put(ws + "/members/" + person.id(), ADMIN_TOKEN, "{\"role\":\"" + role + "\"}").expect(200);
    }

    /** A PostgreSQL source published in {@code ws} by the instance admin; answers its id. */
    String publishedSource(String ws, String name) {
        return api.post(ws + "/resources", ADMIN_TOKEN, "{\"type\":\"source\",\"name\":\"" + name + "\",\"config\":"
                + "{\"kind\":\"postgres\",\"connection\":{\"host\":\"db\"}},\"mode\":\"publish\"}").expect(201).json()
                .get("id").asText();
    }

    String adminId() {
        return api.get("/api/v1/me", ADMIN_TOKEN).expect(200).json().get("id").asText();
    }

    /** The number of events in a workspace's audit chain, as the instance admin sees it. */
    int auditCount(String ws) {
        JsonNode verify = api.get(ws + "/audit/verify", ADMIN_TOKEN).expect(200).json();
        assertThat(verify.get("ok").asBoolean()).as(verify.toString()).isTrue();
        return verify.get("count").asInt();
    }

    static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText(null)).toList();
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    /** The {@code errors[].path} of a problem. */
    static List<String> errorPaths(Response problem) {
        return texts(problem.json().path("errors"), "path");
    }

    /** Asserts a problem with this status and code and answers it. */
    static Response problem(Response response, int status, String code) {
        response.expectProblem(status, code);
        return response;
    }
}
