import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

export interface EdgeFirewallStackProps extends StackProps {
  environmentName: string;
  ratePer5Minutes: number;
}

/**
 * The WAF for CloudFront. A web ACL with CLOUDFRONT scope can only live in us-east-1, so it is its
 * own small stack; the main stack reads its ARN through a cross-region reference. WAF on CloudFront
 * sees the viewer's address, so the rate rule counts per viewer, not per edge.
 */
export class EdgeFirewallStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: EdgeFirewallStackProps) {
    super(scope, id, props);
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: false,
      metricName: `${metricName}-${props.environmentName}`,
    });
    const acl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      description: `Veilig in en om school ${props.environmentName} - rate limit per viewer and AWS managed rules`,
      visibilityConfig: visibility('covenant-edge'),
      rules: [
        {
          name: 'RatePerViewer',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.ratePer5Minutes, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('covenant-rate'),
        },
        {
          name: 'AwsCommonRules',
          priority: 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' },
          },
          visibilityConfig: visibility('covenant-common'),
        },
        {
          name: 'AwsKnownBadInputs',
          priority: 2,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesKnownBadInputsRuleSet' },
          },
          visibilityConfig: visibility('covenant-bad-inputs'),
        },
      ],
    });
    this.webAclArn = acl.attrArn;
  }
}
