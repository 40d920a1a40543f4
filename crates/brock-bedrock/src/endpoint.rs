//! Where each service is reached: the Bedrock endpoint rules (the Smithy rule sets of
//! bedrock-runtime, bedrock and bedrock-agent-runtime, which share one shape) over the AWS
//! partitions, with FIPS and dual-stack variants and endpoint overrides.
//!
//! Written out rather than calling the SDK crates' `DefaultResolver`: those live in the
//! generated service crates (aws-sdk-bedrockruntime and friends), which the transport does not
//! otherwise need. The binary's tests check these rules against those resolvers.

use crate::client::Service;
use crate::error::{Error, Result};

/// The endpoint variants the AWS SDKs select with `use_fips_endpoint` /
/// `AWS_USE_FIPS_ENDPOINT` and `use_dualstack_endpoint` / `AWS_USE_DUALSTACK_ENDPOINT`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Variants {
    pub fips: bool,
    pub dual_stack: bool,
}

/// One AWS partition's DNS suffixes (from the partitions table the SDKs embed, version 1.1).
/// Every partition supports FIPS and dual-stack.
struct Partition {
    /// The region name's leading labels, e.g. `["us", "gov"]` for `us-gov-west-1`; a region
    /// matches when it is those labels, one word, then a number (the table's `regionRegex`).
    prefixes: &'static [&'static [&'static str]],
    dns_suffix: &'static str,
    dual_stack_dns_suffix: &'static str,
}

const AWS: Partition = Partition {
    prefixes: &[
        &["us"],
        &["eu"],
        &["ap"],
        &["sa"],
        &["ca"],
        &["me"],
        &["af"],
        &["il"],
        &["mx"],
    ],
    dns_suffix: "amazonaws.com",
    dual_stack_dns_suffix: "api.aws",
};

/// In the table's order; a region matching none belongs to `aws`, as in the SDKs.
const PARTITIONS: &[Partition] = &[
    AWS,
    Partition {
        prefixes: &[&["cn"]],
        dns_suffix: "amazonaws.com.cn",
        dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
    },
    Partition {
        prefixes: &[&["eusc", "de"]],
        dns_suffix: "amazonaws.eu",
        dual_stack_dns_suffix: "api.amazonwebservices.eu",
    },
    Partition {
        prefixes: &[&["us", "iso"]],
        dns_suffix: "c2s.ic.gov",
        dual_stack_dns_suffix: "api.aws.ic.gov",
    },
    Partition {
        prefixes: &[&["us", "isob"]],
        dns_suffix: "sc2s.sgov.gov",
        dual_stack_dns_suffix: "api.aws.scloud",
    },
    Partition {
        prefixes: &[&["eu", "isoe"]],
        dns_suffix: "cloud.adc-e.uk",
        dual_stack_dns_suffix: "api.cloud-aws.adc-e.uk",
    },
    Partition {
        prefixes: &[&["us", "isof"]],
        dns_suffix: "csp.hci.ic.gov",
        dual_stack_dns_suffix: "api.aws.hci.ic.gov",
    },
    Partition {
        prefixes: &[&["us", "gov"]],
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
    },
];

fn matches(prefix: &[&str], region: &str) -> bool {
    let labels: Vec<&str> = region.split('-').collect();
    let word = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let number = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    labels.len() == prefix.len() + 2
        && labels.iter().zip(prefix).all(|(l, p)| l == p)
        && word(labels[prefix.len()])
        && number(labels[prefix.len() + 1])
}

fn partition(region: &str) -> &'static Partition {
    // The pseudo-regions the table lists by name (`aws-global`, `aws-cn-global`, …).
    let global = |id: &str| region == format!("{id}-global");
    for (p, id) in PARTITIONS.iter().zip([
        "aws",
        "aws-cn",
        "aws-eusc",
        "aws-iso",
        "aws-iso-b",
        "aws-iso-e",
        "aws-iso-f",
        "aws-us-gov",
    ]) {
        if global(id) {
            return p;
        }
    }
    PARTITIONS
        .iter()
        .find(|p| p.prefixes.iter().any(|pre| matches(pre, region)))
        .unwrap_or(&PARTITIONS[0])
}

/// The public endpoint of `service` in `region` with these variants:
/// `https://bedrock-runtime[-fips].REGION.(dnsSuffix | dualStackDnsSuffix)`.
pub fn default_url(service: Service, region: &str, variants: Variants) -> String {
    let p = partition(region);
    let fips = if variants.fips { "-fips" } else { "" };
    let suffix = if variants.dual_stack {
        p.dual_stack_dns_suffix
    } else {
        p.dns_suffix
    };
    format!("https://{}{fips}.{region}.{suffix}", service.host_prefix())
}

/// The endpoint of `service`: the configured URL when there is one (which, as the SDKs rule,
/// cannot be combined with the FIPS or dual-stack variant), else the public one.
pub fn resolve(
    service: Service,
    region: &str,
    variants: Variants,
    configured: Option<&str>,
) -> Result<String> {
    let Some(url) = configured else {
        return Ok(default_url(service, region, variants));
    };
    let clash = |what: &str, setting: &str| {
        Error::Config(format!(
            "{what} endpoints ({setting}) cannot be combined with a configured {} endpoint URL ({url}), \
             as in the AWS SDKs: unset one of them",
            service.host_prefix()
        ))
    };
    if variants.fips {
        return Err(clash("FIPS", "AWS_USE_FIPS_ENDPOINT / use_fips_endpoint"));
    }
    if variants.dual_stack {
        return Err(clash(
            "dual-stack",
            "AWS_USE_DUALSTACK_ENDPOINT / use_dualstack_endpoint",
        ));
    }
    Ok(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: Variants = Variants {
        fips: false,
        dual_stack: false,
    };
    const FIPS: Variants = Variants {
        fips: true,
        dual_stack: false,
    };
    const DUAL: Variants = Variants {
        fips: false,
        dual_stack: true,
    };
    const BOTH: Variants = Variants {
        fips: true,
        dual_stack: true,
    };

    fn url(service: Service, region: &str, v: Variants) -> String {
        resolve(service, region, v, None).unwrap()
    }

    /// The rule sets' own test cases (aws-sdk-bedrockruntime's endpoint tests).
    #[test]
    fn the_sdk_rule_set_cases() {
        let rt = Service::Runtime;
        for (region, v, expected) in [
            (
                "us-east-1",
                BOTH,
                "https://bedrock-runtime-fips.us-east-1.api.aws",
            ),
            (
                "us-east-1",
                FIPS,
                "https://bedrock-runtime-fips.us-east-1.amazonaws.com",
            ),
            (
                "us-east-1",
                DUAL,
                "https://bedrock-runtime.us-east-1.api.aws",
            ),
            (
                "us-east-1",
                PLAIN,
                "https://bedrock-runtime.us-east-1.amazonaws.com",
            ),
            (
                "cn-north-1",
                BOTH,
                "https://bedrock-runtime-fips.cn-north-1.api.amazonwebservices.com.cn",
            ),
            (
                "cn-north-1",
                FIPS,
                "https://bedrock-runtime-fips.cn-north-1.amazonaws.com.cn",
            ),
            (
                "cn-north-1",
                DUAL,
                "https://bedrock-runtime.cn-north-1.api.amazonwebservices.com.cn",
            ),
            (
                "cn-north-1",
                PLAIN,
                "https://bedrock-runtime.cn-north-1.amazonaws.com.cn",
            ),
            (
                "us-gov-east-1",
                BOTH,
                "https://bedrock-runtime-fips.us-gov-east-1.api.aws",
            ),
            (
                "us-gov-east-1",
                FIPS,
                "https://bedrock-runtime-fips.us-gov-east-1.amazonaws.com",
            ),
            (
                "us-gov-east-1",
                PLAIN,
                "https://bedrock-runtime.us-gov-east-1.amazonaws.com",
            ),
            (
                "us-iso-east-1",
                FIPS,
                "https://bedrock-runtime-fips.us-iso-east-1.c2s.ic.gov",
            ),
            (
                "us-iso-east-1",
                PLAIN,
                "https://bedrock-runtime.us-iso-east-1.c2s.ic.gov",
            ),
            (
                "us-isob-east-1",
                FIPS,
                "https://bedrock-runtime-fips.us-isob-east-1.sc2s.sgov.gov",
            ),
            (
                "us-isob-east-1",
                PLAIN,
                "https://bedrock-runtime.us-isob-east-1.sc2s.sgov.gov",
            ),
        ] {
            assert_eq!(url(rt, region, v), expected, "{region} {v:?}");
        }
    }

    #[test]
    fn each_service_has_its_own_host_prefix() {
        assert_eq!(
            url(Service::Control, "eu-west-1", FIPS),
            "https://bedrock-fips.eu-west-1.amazonaws.com"
        );
        assert_eq!(
            url(Service::AgentRuntime, "ap-southeast-2", DUAL),
            "https://bedrock-agent-runtime.ap-southeast-2.api.aws"
        );
    }

    #[test]
    fn regions_fall_in_their_partition() {
        assert_eq!(
            url(Service::Runtime, "eusc-de-east-1", PLAIN),
            "https://bedrock-runtime.eusc-de-east-1.amazonaws.eu"
        );
        assert_eq!(
            url(Service::Runtime, "eu-isoe-west-1", DUAL),
            "https://bedrock-runtime.eu-isoe-west-1.api.cloud-aws.adc-e.uk"
        );
        assert_eq!(
            url(Service::Runtime, "us-isof-south-1", PLAIN),
            "https://bedrock-runtime.us-isof-south-1.csp.hci.ic.gov"
        );
        // A region no pattern knows is taken to be in the aws partition.
        assert_eq!(
            url(Service::Runtime, "xx-future-1", PLAIN),
            "https://bedrock-runtime.xx-future-1.amazonaws.com"
        );
        assert_eq!(
            url(Service::Runtime, "aws-cn-global", PLAIN),
            "https://bedrock-runtime.aws-cn-global.amazonaws.com.cn"
        );
    }

    #[test]
    fn an_override_wins_but_refuses_fips_and_dual_stack() {
        assert_eq!(
            resolve(
                Service::Runtime,
                "us-east-1",
                PLAIN,
                Some("https://example.com")
            )
            .unwrap(),
            "https://example.com"
        );
        let e = resolve(
            Service::Runtime,
            "us-east-1",
            FIPS,
            Some("https://example.com"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("FIPS") && e.contains("https://example.com"),
            "{e}"
        );
        let e = resolve(
            Service::Control,
            "us-east-1",
            DUAL,
            Some("http://127.0.0.1:9"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("dual-stack") && e.contains("bedrock endpoint"),
            "{e}"
        );
    }
}
