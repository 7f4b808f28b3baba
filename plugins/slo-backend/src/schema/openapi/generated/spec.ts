// Generated from src/schema/openapi.yaml by scripts/generate-openapi-spec.js; do not edit.
/* eslint-disable */

/** The SLO Kit backend's OpenAPI 3.1 specification. */
export const spec = {
  "openapi": "3.1.0",
  "info": {
    "title": "slo",
    "version": "1",
    "description": "SLO Kit backend: SLO definitions, SLI ingestion, error budgets computed from ingested data, and the reads behind entity pages and the SLO portfolio.",
    "license": {
      "name": "Apache-2.0",
      "url": "http://www.apache.org/licenses/LICENSE-2.0.html"
    }
  },
  "servers": [
    {
      "url": "/"
    }
  ],
  "components": {
    "securitySchemes": {
      "JWT": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT"
      }
    },
    "parameters": {
      "kind": {
        "name": "kind",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      "namespace": {
        "name": "namespace",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      "name": {
        "name": "name",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      "sloId": {
        "name": "id",
        "in": "path",
        "required": true,
        "description": "`<entity ref>#<slo name>`, URL-encoded.",
        "schema": {
          "type": "string",
          "minLength": 3
        }
      }
    },
    "responses": {
      "ErrorResponse": {
        "description": "An error response from the backend.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    },
    "schemas": {
      "Error": {
        "type": "object",
        "required": [
          "error"
        ],
        "properties": {
          "error": {
            "type": "object",
            "required": [
              "name",
              "message"
            ],
            "properties": {
              "name": {
                "type": "string"
              },
              "message": {
                "type": "string"
              }
            }
          },
          "request": {
            "type": "object",
            "properties": {
              "method": {
                "type": "string"
              },
              "url": {
                "type": "string"
              }
            }
          },
          "response": {
            "type": "object",
            "properties": {
              "statusCode": {
                "type": "integer"
              }
            }
          },
          "issues": {
            "type": "array",
            "description": "Every problem found, when a request was rejected as invalid.",
            "items": {
              "type": "object"
            }
          }
        }
      },
      "SliPoint": {
        "type": "object",
        "required": [
          "slo",
          "timestamp",
          "good",
          "total"
        ],
        "properties": {
          "slo": {
            "type": "string",
            "description": "`<entity ref>#<slo name>`",
            "minLength": 1,
            "maxLength": 512
          },
          "timestamp": {
            "type": "string",
            "format": "date-time",
            "description": "ISO 8601 on a minute boundary, at most 5 minutes ahead, not older than minute retention."
          },
          "good": {
            "type": "integer",
            "minimum": 0
          },
          "total": {
            "type": "integer",
            "minimum": 0,
            "description": "Must be at least good."
          }
        }
      },
      "IngestRequest": {
        "type": "object",
        "required": [
          "points"
        ],
        "additionalProperties": false,
        "properties": {
          "points": {
            "type": "array",
            "maxItems": 10000,
            "description": "At most `slo.ingestion.maxPoints` (default 10,000) points; larger batches get 413.",
            "items": {
              "$ref": "#/components/schemas/SliPoint"
            }
          }
        }
      },
      "IngestResponse": {
        "type": "object",
        "required": [
          "accepted"
        ],
        "properties": {
          "accepted": {
            "type": "integer"
          }
        }
      },
      "RegisterSlosRequest": {
        "type": "object",
        "required": [
          "entityRef",
          "openslo"
        ],
        "additionalProperties": false,
        "properties": {
          "entityRef": {
            "type": "string",
            "minLength": 1
          },
          "openslo": {
            "type": "string",
            "minLength": 1,
            "description": "OpenSLO v1 YAML",
            "one or more documents.": null
          },
          "file": {
            "type": "string",
            "minLength": 1
          }
        }
      },
      "RegisterSlosResponse": {
        "type": "object",
        "required": [
          "entityRef",
          "slos",
          "ingestionEndpoint"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "slos": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "id",
                "name"
              ],
              "properties": {
                "id": {
                  "type": "string"
                },
                "name": {
                  "type": "string"
                }
              }
            }
          },
          "ingestionEndpoint": {
            "type": "string"
          }
        }
      },
      "SloStatusValue": {
        "type": "string",
        "enum": [
          "healthy",
          "warning",
          "critical",
          "no-data"
        ]
      },
      "Ownership": {
        "type": "object",
        "required": [
          "serviceOwner",
          "sreOwner",
          "platformOwner",
          "platformOwnerSource",
          "findings"
        ],
        "properties": {
          "serviceOwner": {
            "type": [
              "string",
              "null"
            ]
          },
          "sreOwner": {
            "type": [
              "string",
              "null"
            ]
          },
          "platformOwner": {
            "type": [
              "string",
              "null"
            ]
          },
          "platformOwnerSource": {
            "enum": [
              "annotation",
              "source-template",
              null
            ]
          },
          "findings": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "code",
                "message"
              ],
              "properties": {
                "code": {
                  "enum": [
                    "sre-owner-missing",
                    "sre-owner-is-platform-owner"
                  ]
                },
                "message": {
                  "type": "string"
                }
              }
            }
          }
        }
      },
      "SloSummary": {
        "type": "object",
        "required": [
          "id",
          "entityRef",
          "name",
          "definition",
          "origin",
          "deletedAt",
          "status"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "entityRef": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "definition": {
            "type": "object",
            "description": "Normalised OpenSLO definition."
          },
          "origin": {
            "enum": [
              "catalog",
              "registration"
            ]
          },
          "deletedAt": {
            "type": [
              "string",
              "null"
            ]
          },
          "status": {
            "oneOf": [
              {
                "type": "null"
              },
              {
                "type": "object",
                "required": [
                  "evaluation",
                  "evaluatedAt",
                  "dataThrough"
                ],
                "properties": {
                  "evaluation": {
                    "type": "object",
                    "description": "The engine's SloEvaluation."
                  },
                  "evaluatedAt": {
                    "type": "string"
                  },
                  "dataThrough": {
                    "type": [
                      "string",
                      "null"
                    ]
                  }
                }
              }
            ]
          }
        }
      },
      "SyncError": {
        "type": "object",
        "required": [
          "entityRef",
          "file",
          "documentIndex",
          "documentName",
          "path",
          "message",
          "occurredAt"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "file": {
            "type": "string"
          },
          "documentIndex": {
            "type": [
              "integer",
              "null"
            ]
          },
          "documentName": {
            "type": [
              "string",
              "null"
            ]
          },
          "path": {
            "type": "string"
          },
          "message": {
            "type": "string"
          },
          "occurredAt": {
            "type": "string"
          }
        }
      },
      "EntitySlosResponse": {
        "type": "object",
        "required": [
          "entityRef",
          "ownership",
          "slos",
          "syncErrors"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "ownership": {
            "$ref": "#/components/schemas/Ownership"
          },
          "slos": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/SloSummary"
            }
          },
          "syncErrors": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/SyncError"
            }
          }
        }
      },
      "PortfolioItem": {
        "type": "object",
        "required": [
          "id",
          "entityRef",
          "name",
          "serviceOwner",
          "sreOwner",
          "target",
          "timeWindow",
          "sli",
          "budgetRemaining",
          "status",
          "evaluatedAt"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "entityRef": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "displayName": {
            "type": "string"
          },
          "serviceOwner": {
            "type": [
              "string",
              "null"
            ]
          },
          "sreOwner": {
            "type": [
              "string",
              "null"
            ]
          },
          "target": {
            "type": "number"
          },
          "timeWindow": {
            "type": "string"
          },
          "sli": {
            "type": [
              "number",
              "null"
            ]
          },
          "budgetRemaining": {
            "type": [
              "number",
              "null"
            ]
          },
          "status": {
            "$ref": "#/components/schemas/SloStatusValue"
          },
          "evaluatedAt": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "PortfolioResponse": {
        "type": "object",
        "required": [
          "items",
          "totalCount"
        ],
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/PortfolioItem"
            }
          },
          "nextCursor": {
            "type": "string"
          },
          "totalCount": {
            "type": "integer"
          }
        }
      },
      "SloHistoryResponse": {
        "type": "object",
        "required": [
          "id",
          "from",
          "to",
          "points",
          "events"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "from": {
            "type": "string"
          },
          "to": {
            "type": "string"
          },
          "points": {
            "type": "array",
            "maxItems": 1000,
            "items": {
              "type": "object",
              "required": [
                "at",
                "sli",
                "budgetRemaining",
                "burnRate"
              ],
              "properties": {
                "at": {
                  "type": "string"
                },
                "sli": {
                  "type": [
                    "number",
                    "null"
                  ]
                },
                "budgetRemaining": {
                  "type": [
                    "number",
                    "null"
                  ]
                },
                "burnRate": {
                  "type": [
                    "number",
                    "null"
                  ],
                  "description": "Burn rate over the hour before `at`."
                }
              }
            }
          },
          "events": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "at",
                "type",
                "title"
              ],
              "properties": {
                "at": {
                  "type": "string"
                },
                "type": {
                  "type": "string"
                },
                "title": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    }
  },
  "paths": {
    "/health": {
      "get": {
        "operationId": "GetHealth",
        "description": "Liveness probe; needs no credentials.",
        "responses": {
          "200": {
            "description": "The plugin is up.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "status"
                  ],
                  "properties": {
                    "status": {
                      "type": "string"
                    }
                  }
                }
              }
            }
          }
        },
        "security": [
          {}
        ]
      }
    },
    "/v1/sli": {
      "post": {
        "operationId": "IngestSli",
        "description": "Writes a batch of SLI points, all or nothing. A point sets its minute bucket (replays change nothing). Only service principals and external-access tokens may call it.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/IngestRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Every point was written.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/IngestResponse"
                }
              }
            }
          },
          "400": {
            "description": "Some points are invalid; `issues` lists index, field and reason of each. Nothing was written.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "413": {
            "description": "More points or bytes than the configured limits.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        },
        "security": [
          {
            "JWT": []
          }
        ]
      }
    },
    "/v1/slos": {
      "post": {
        "operationId": "RegisterSlos",
        "description": "Registers or updates the OpenSLO definitions of an entity, also before the entity is in the catalog. Idempotent. Service principals and external-access tokens; users need the slo.definitions.register permission.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/RegisterSlosRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The entity's SLOs after registration.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RegisterSlosResponse"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        },
        "security": [
          {
            "JWT": []
          }
        ]
      },
      "get": {
        "operationId": "GetPortfolio",
        "description": "Every live SLO the caller may see, with its latest status.",
        "parameters": [
          {
            "name": "owner",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "description": "Entity refs of owners; matches the service or SRE owner.",
            "schema": {
              "type": "array",
              "items": {
                "type": "string"
              }
            }
          },
          {
            "name": "status",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "array",
              "items": {
                "$ref": "#/components/schemas/SloStatusValue"
              }
            }
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 500
            }
          },
          {
            "name": "cursor",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "description": "nextCursor of the previous page, with the same filters and sort.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "sort",
            "in": "query",
            "required": false,
            "description": "Column to order by (nulls last, ties by id); default is by id.",
            "schema": {
              "type": "string",
              "enum": [
                "service",
                "serviceOwner",
                "sreOwner",
                "target",
                "sli",
                "budgetRemaining",
                "status"
              ]
            }
          },
          {
            "name": "order",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "asc",
                "desc"
              ],
              "default": "asc"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One page of the portfolio.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PortfolioResponse"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        },
        "security": [
          {
            "JWT": []
          }
        ]
      }
    },
    "/v1/slos/{id}/history": {
      "get": {
        "operationId": "GetSloHistory",
        "description": "SLI, budget remaining and burn rate as a down-sampled series.",
        "parameters": [
          {
            "$ref": "#/components/parameters/sloId"
          },
          {
            "name": "from",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "string",
              "format": "date-time"
            }
          },
          {
            "name": "to",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "string",
              "format": "date-time"
            }
          },
          {
            "name": "points",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 1000
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The series.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SloHistoryResponse"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        },
        "security": [
          {
            "JWT": []
          }
        ]
      }
    },
    "/v1/entities/{kind}/{namespace}/{name}": {
      "get": {
        "operationId": "GetEntitySlos",
        "description": "Ownership, SLOs with status, and sync errors of one entity; one request per entity page.",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          }
        ],
        "responses": {
          "200": {
            "description": "The entity's SLOs.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EntitySlosResponse"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        },
        "security": [
          {
            "JWT": []
          }
        ]
      }
    }
  }
} as const;
