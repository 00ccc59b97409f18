"""`zhixing agency-sim` — simulated assisting agencies (banks, registries, police, tax …).

They speak only the public contracts (R41): `AgencyRequest` on the request topics and
`AgencyAnswered` on the replies topic, or the gRPC AgencyGatewayService. Used by tests,
the benchmark and the demo::

    channel = KafkaChannel.connect(bootstrap)    # .kafka_channel; or .grpc_channel.GrpcChannel
    simulator = Simulator(channel, Behaviour(error_rate=0.05, silent=frozenset({"bank.ccb"})))
    simulator.run(stop_event)                            # in a thread; read simulator.stats
"""

from zhixing.agency_sim.channel import (
    Channel,
    ChannelError,
    ChannelRefused,
    ChannelUnavailable,
    Received,
    Reply,
)
from zhixing.agency_sim.data import holdings_for
from zhixing.agency_sim.responder import Behaviour, DueAnswers, Responder, Verdict, answer_to
from zhixing.agency_sim.simulator import Simulator, Stats

__all__ = ["Behaviour", "Channel", "ChannelError", "ChannelRefused", "ChannelUnavailable",
           "DueAnswers", "Received", "Reply", "Responder", "Simulator", "Stats", "Verdict",
           "answer_to", "holdings_for"]
