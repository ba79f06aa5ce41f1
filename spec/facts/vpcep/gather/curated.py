"""Hand-written parts of the facts files: one-line summaries (own words) and notes."""

SUMMARIES = {
    "AcceptOrRejectEndpoint": "Accept or reject pending VPC endpoint connections to an endpoint service.",
    "AddEndpointServiceServerResource": "Attach further backend resources to an endpoint service (v2 API).",
    "AddOrRemoveServicePermissions": "Add or remove whitelist entries (permissions) of an endpoint service in one call.",
    "BatchAddEndpointServicePermissions": "Add several whitelist entries, each with a description, to an endpoint service.",
    "BatchRemoveEndpointServicePermissions": "Remove several whitelist entries from an endpoint service by their IDs.",
    "CreateEndpoint": "Create a VPC endpoint that connects a VPC to an endpoint service.",
    "CreateEndpointService": "Create an endpoint service in front of a backend resource so others can reach it.",
    "DeleteEndpoint": "Delete a VPC endpoint.",
    "DeleteEndpointPolicy": "Remove the access policy of a gateway-type VPC endpoint.",
    "DeleteEndpointService": "Delete an endpoint service.",
    "ListEndpointInfoDetails": "Read one VPC endpoint by its ID.",
    "ListEndpointService": "List the caller's endpoint services, filtered and paged.",
    "ListEndpoints": "List the caller's VPC endpoints, filtered and paged.",
    "ListQuotaDetails": "Read the caller's quotas and usage for endpoint services and endpoints.",
    "ListServiceConnections": "List the endpoint connections made to one of the caller's endpoint services.",
    "ListServiceDescribeDetails": "Read the basic, public facts of an endpoint service by name or ID (for endpoint creators).",
    "ListServiceDetails": "Read one of the caller's endpoint services by its ID.",
    "ListServicePermissionsDetails": "List the whitelist entries (permissions) of an endpoint service.",
    "ListServicePublicDetails": "List the public endpoint services the cloud offers in the region.",
    "ListSpecifiedVersionDetails": "Read one version of the VPCEP API.",
    "ListVersionDetails": "List the versions of the VPCEP API.",
    "UpdateEndpointConnectionsDesc": "Set the description of an endpoint connection of an endpoint service.",
    "UpdateEndpointPolicy": "Replace the access policy of a gateway-type VPC endpoint.",
    "UpdateEndpointRoutetable": "Replace the route tables a gateway-type VPC endpoint is associated with.",
    "UpdateEndpointService": "Change settings of an endpoint service (approval, ports, backend, name, description).",
    "UpdateEndpointServiceName": "Rename an endpoint service.",
    "UpdateEndpointServicePermissionDesc": "Change the description of one whitelist entry of an endpoint service.",
    "UpdateEndpointWhite": "Change the whitelist (allowed source addresses) of a VPC endpoint.",
    "UpgradeEndpointService": "Upgrade an endpoint service to the newer architecture (v2 API).",
    "UpgradeEndpoint": "Upgrade a VPC endpoint to the newer architecture (v2 API).",
    "BatchAddOrRemoveResourceInstance": "Add or delete tags of one endpoint service or endpoint in one call.",
    "ListQueryProjectResourceTags": "List all tags used on the project's endpoint services or endpoints.",
    "ListResourceInstances": "Find endpoint services or endpoints by tags (filter, count or page through them).",
}


# Operations whose page is not in any documentation repository: facts read from the vendor's
# support site as stored by the search tool's `pages` corpus (facts only, paraphrased as data).
def _p(path, typ, required, **cons):
    return {"path": path, "type": typ, "required": required, "constraints": cons}


WEB_PAGES = {
    "AddEndpointServiceServerResource": {
        "sources": [
            {"url": "https://support.huaweicloud.com/intl/th-th/api-vpcep/EndpointServiceAddServerResource.html",
             "edition": "English, page dated 2025-11-20", "via": "search tool, pages corpus"},
            {"url": "https://support.huaweicloud.com/api-vpcep/EndpointServiceAddServerResource.html",
             "edition": "Chinese, page dated 2026-01-16", "via": "search tool, pages corpus"},
        ],
        "facts": {
            "path": [_p("project_id", "string", True), _p("vpc_endpoint_service_id", "string", True)],
            "query": [],
            "header": [_p("X-Auth-Token", "string", True), _p("Content-Type", "string", False)],
            "body": [_p("server_resources", "array<object>", True),
                     _p("server_resources[].resource_id", "string", True),
                     _p("server_resources[].availability_zone_id", "string", False)],
            "response": {204: []},
            "response_header": {},
        },
        "status_codes": [204],
    },
    "UpgradeEndpointService": {
        "sources": [
            {"url": "https://support.huaweicloud.com/intl/tr-tr/api-vpcep/UpgradeEndpointService.html",
             "edition": "English, page dated 2025-06-19", "via": "search tool, pages corpus"},
        ],
        "facts": {
            "path": [_p("project_id", "string", True), _p("vpc_endpoint_service_id", "string", True)],
            "query": [],
            "header": [_p("X-Auth-Token", "string", True), _p("Content-Type", "string", True)],
            "body": [],
            "response": {},
            "response_header": {},
        },
        # the stored excerpt ends before the status-code table
        "status_codes": [],
    },
}

NOTES = {
    "ListServiceConnections": {
        "contradictions": [
            {"kind": "type", "where": "marker_id (query parameter vs. response field)",
             "page": "query parameter marker_id is String; response connections[].marker_id is Integer",
             "sdk": "query MarkerId *string; ConnectionEndpoints.MarkerId *int32",
             "note": "the same identifier has two types; a client should accept a number in responses and "
                     "send its decimal string in the query"},
        ],
        "notes": ["marker_id is a filter (the connection's packet id), not a pagination cursor; paging is limit/offset"],
    },
    "ListResourceInstances": {
        "notes": ["limit and offset are strings in the request body, not query parameters; "
                  "with action=count the response carries total_count only (page says so in prose)"],
    },
    "AddEndpointServiceServerResource": {
        "contradictions": [
            {"kind": "name", "where": "operation name",
             "page": "the support page is named EndpointServiceAddServerResource",
             "sdk": "AddEndpointServiceServerResource (vpcep_meta.go)"},
            {"kind": "status", "where": "success status",
             "page": "204, no body", "sdk": "response model has no fields (status not recorded in the SDK)"},
        ],
        "notes": ["not in huaweicloudDocs/vpcep (2022 snapshot) nor in either Open Telekom Cloud edition"],
    },
    "UpgradeEndpointService": {
        "contradictions": [
            {"kind": "example", "where": "request example",
             "page": "the example request sends a body with permissions (array) and action 'add', "
                     "but the page documents no request body",
             "sdk": "UpgradeEndpointServiceRequest has no Body field"},
        ],
        "notes": ["not in huaweicloudDocs/vpcep (2022 snapshot) nor in either Open Telekom Cloud edition",
                  "success status code unknown: the stored page excerpt ends before the status-code table"],
    },
    "UpgradeEndpoint": {
        "notes": ["no API page found in any documentation repository or in the search tool's pages corpus; "
                  "facts are from the SDK only",
                  "the SDK model's comment gives 'start' as the action's default and only value"],
    },
}

BODY_PAGINATION = {
    "ListResourceInstances": {"style": "offset", "in": "body", "limit": "limit", "offset": "offset",
                              "items": "resources", "total": "total_count",
                              "note": "only with action=filter; limit/offset are strings"},
}
