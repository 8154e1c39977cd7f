import AsyncHTTPClient
import BedrockStandIn
import Foundation
import Testing
@testable import AWSCore

@Suite("IAM's policy simulator over the Query protocol, against a loopback IAM")
struct IAMPolicySimulatorTests {
    static let credentials = AWSCredentials(accessKeyID: "AKIAIAMSTANDIN", secretAccessKey: "iam/stand-in&secret", source: "test")
    static let principal = "arn:aws:iam::111122223333:role/gateway"
    static let profile = "arn:aws:bedrock:eu-west-1:111122223333:inference-profile/eu.m-v1:0"
    static let identity = """
        {"Version": "2012-10-17", "Statement": [{"Sid": "ThroughProfile", "Effect": "Allow", "Action": "bedrock:InvokeModel",
         "Resource": ["arn:aws:bedrock:eu-*::foundation-model/m-v1:0", "\(profile)"],
         "Condition": {"StringEqualsIfExists": {"bedrock:InferenceProfileArn": "\(profile)"}}}]}
        """
    static let scp = """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
         {"Sid": "DenyOutsideIreland", "Effect": "Deny", "NotAction": "iam:*", "Resource": "*",
          "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}}]}
        """

    static func withIAM(_ body: (IAMStandIn, IAMPolicySimulator) async throws -> Void) async throws {
        let iam = IAMStandIn(credentials: [credentials])
        let base = try await iam.start()
        let client = AWSClient(
            httpClient: .shared, credentials: GenerationalCredentials([credentials]),
            configuration: AWSClient.Configuration(
                service: "iam", endpoint: try AWSEndpointResolver(environment: ["AWS_ENDPOINT_URL_IAM": base], configured: nil, service: .iam),
                retry: AWSRetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(1), maxDelay: .milliseconds(5)), requestTimeout: .seconds(30)),
            logger: CredentialLogCapture().logger)
        do { try await body(iam, IAMPolicySimulator(client: client)) } catch {
            await iam.stop()
            throw error
        }
        await iam.stop()
    }

    static func question(region: String, resources: [String]) -> IAMPolicySimulator.Question {
        .init(actions: ["bedrock:InvokeModel"], resources: resources,
              context: ["aws:RequestedRegion": [region], "bedrock:InferenceProfileArn": [profile]])
    }

    @Test func aSignedFormCarriesTheRequestContextAndEachResourceGetsItsOwnDecision() async throws {
        try await Self.withIAM { iam, simulator in
            try iam.attach(principal: Self.principal, identity: [Self.identity], scps: [[Self.scp]])
            let inSource = try await simulator.simulate(
                principal: Self.principal, partition: "aws",
                Self.question(region: "eu-west-1", resources: [Self.profile, "arn:aws:bedrock:eu-west-1::foundation-model/m-v1:0"]))
            #expect(inSource.map(\.decision) == [.allowed, .allowed])
            #expect(inSource.map(\.resource) == [Self.profile, "arn:aws:bedrock:eu-west-1::foundation-model/m-v1:0"])
            #expect(inSource.allSatisfy { $0.allowedByOrganizations == true && $0.matchedPolicies == ["ThroughProfile"] })

            let paris = try await simulator.simulate(
                principal: Self.principal, partition: "aws",
                Self.question(region: "eu-west-3", resources: ["arn:aws:bedrock:eu-west-3::foundation-model/m-v1:0"]))
            #expect(paris.map(\.decision) == [.explicitDeny])
            #expect(paris.first?.allowedByOrganizations == false)

            let call = try #require(iam.calls.last)
            #expect(call.signedBy == "AKIAIAMSTANDIN" && call.signatureError == nil)
            #expect(call.parameters["PolicySourceArn"] == Self.principal)
            #expect(call.parameters["ContextEntries.member.1.ContextKeyName"] == "aws:RequestedRegion")
            #expect(call.parameters["ContextEntries.member.1.ContextKeyValues.member.1"] == "eu-west-3")
            #expect(call.parameters["ContextEntries.member.1.ContextKeyType"] == "string")
            #expect(call.parameters["ContextEntries.member.2.ContextKeyName"] == "bedrock:InferenceProfileArn")
        }
    }

    @Test func aCallerWithoutThePermissionGetsIAMsErrorWithItsCode() async throws {
        try await Self.withIAM { iam, simulator in
            iam.refuse(message: "User: arn:aws:sts::111122223333:assumed-role/regiond/i-1 is not authorized to perform: iam:SimulatePrincipalPolicy")
            let error = await #expect(throws: AWSServiceError.self) {
                try await simulator.simulate(principal: Self.principal, partition: "aws", Self.question(region: "eu-west-1", resources: [Self.profile]))
            }
            #expect(error?.status == 403 && error?.errorType == "AccessDenied")
            #expect(error?.description.contains("not authorized to perform: iam:SimulatePrincipalPolicy") == true)
            #expect(error?.requestId == "iam-stand-in-1")
            #expect(!(error?.description.contains(Self.credentials.secretAccessKey) ?? true))
        }
    }

    @Test func theOlderAnswerShapeWithOneResultPerResourceIsReadToo() throws {
        let xml = """
            <SimulatePrincipalPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><SimulatePrincipalPolicyResult>
            <IsTruncated>true</IsTruncated><Marker>page-2</Marker><EvaluationResults>
            <member><EvalActionName>bedrock:InvokeModel</EvalActionName><EvalResourceName>arn:a</EvalResourceName>
            <EvalDecision>implicitDeny</EvalDecision><MatchedStatements/></member>
            <member><EvalActionName>bedrock:InvokeModel</EvalActionName><EvalResourceName>arn:b</EvalResourceName>
            <EvalDecision>allowed</EvalDecision><MatchedStatements><member><SourcePolicyType>user</SourcePolicyType></member></MatchedStatements>
            </member></EvaluationResults></SimulatePrincipalPolicyResult></SimulatePrincipalPolicyResponse>
            """
        let page = try IAMPolicySimulator.page(Array(xml.utf8), operation: "SimulatePrincipalPolicy us-east-1")
        #expect(page.marker == "page-2")
        #expect(page.answers.map(\.resource) == ["arn:a", "arn:b"])
        #expect(page.answers.map(\.decision) == [.implicitDeny, .allowed])
        #expect(page.answers[1].matchedPolicies == ["user"] && page.answers[1].allowedByOrganizations == nil)
        #expect(throws: AWSSimulationError.self) { try IAMPolicySimulator.page(Array("<html/>".utf8), operation: "x") }
    }

    @Test func iamIsGlobalPerPartition() throws {
        let iam = AWSEndpointResolver(override: nil, service: .iam)
        #expect(iam.baseURL(region: AWSEndpointResolver.globalSigningRegion(partition: "aws")) == "https://iam.amazonaws.com")
        #expect(iam.baseURL(region: AWSEndpointResolver.globalSigningRegion(partition: "aws-us-gov")) == "https://iam.us-gov.amazonaws.com")
        #expect(iam.baseURL(region: AWSEndpointResolver.globalSigningRegion(partition: "aws-cn")) == "https://iam.cn-north-1.amazonaws.com.cn")
        let overridden = try AWSEndpointResolver(environment: ["AWS_ENDPOINT_URL_IAM": "http://127.0.0.1:9"], configured: "http://bedrock", service: .iam)
        #expect(overridden.baseURL(region: "us-east-1") == "http://127.0.0.1:9")
    }
}
