import { ApiMapping, DomainName, type HttpApi, SecurityPolicy } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  PriceClass,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Construct } from 'constructs';

export interface EdgeDistributionProps {
  api: HttpApi;
  webAclArn: string;
  /** The API's regional custom domain: CloudFront's origin, since the execute-api URL is off. */
  originDomainName: string;
  originCertificateArn: string;
  /** Optional public name with its certificate (us-east-1); without it the cloudfront.net name is used. */
  publicDomainName?: string;
  publicCertificateArn?: string;
}

/**
 * CloudFront with the WAF in front of the HTTP API (the `edge` setting). Nothing is cached; the
 * viewer's address reaches the functions in the CloudFront-Viewer-Address header, which CloudFront
 * sets itself, so the per-source rate limit counts viewers, not edge locations.
 */
export class EdgeDistribution extends Construct {
  readonly distribution: Distribution;
  readonly originDomain: DomainName;
  /** Whether viewers reach it on the operator's own name (with TLS 1.2 enforced). */
  readonly customDomain: boolean;
  readonly viewerAddressHeader = 'cloudfront-viewer-address';

  constructor(scope: Construct, id: string, props: EdgeDistributionProps) {
    super(scope, id);
    this.customDomain = Boolean(props.publicDomainName && props.publicCertificateArn);
    // The execute-api URL is switched off, so the API answers on its own regional custom domain.
    this.originDomain = new DomainName(this, 'OriginDomain', {
      domainName: props.originDomainName,
      certificate: Certificate.fromCertificateArn(this, 'OriginCertificate', props.originCertificateArn),
      securityPolicy: SecurityPolicy.TLS_1_2,
    });
    new ApiMapping(this, 'OriginMapping', { api: props.api, domainName: this.originDomain });
    const forward = new OriginRequestPolicy(this, 'ForwardToApi', {
      comment: 'Query strings (form keys) and the viewer address to the API; not the Host header',
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
      headerBehavior: OriginRequestHeaderBehavior.allowList(
        'CloudFront-Viewer-Address',
        'Content-Type',
        'Accept',
        'Accept-Language',
        'Origin',
      ),
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Veilig in en om school: forms and API',
      webAclId: props.webAclArn,
      ...(this.customDomain && props.publicDomainName && props.publicCertificateArn
        ? {
            domainNames: [props.publicDomainName],
            certificate: Certificate.fromCertificateArn(
              this,
              'PublicCertificate',
              props.publicCertificateArn,
            ),
          }
        : {}),
      priceClass: PriceClass.PRICE_CLASS_100,
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      defaultBehavior: {
        origin: new HttpOrigin(props.originDomainName),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: forward,
      },
    });
  }

  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
