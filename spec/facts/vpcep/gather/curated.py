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

# Pagination that is not in the query string.
BODY_PAGINATION = {}

# Extra hand-checked contradictions and notes, per operation.
NOTES = {}
