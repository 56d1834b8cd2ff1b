//! A tiny authoritative DNS server for `_lexicon` TXT records, over UDP and TCP on loopback.
//!
//! Hand-written on hickory-proto's message codec rather than hickory-server: the test network
//! answers one kind of question from a fixed table, and hickory-proto (already used by the
//! resolver) gives correct wire encoding without a server framework's catalog and
//! authority machinery.

use std::collections::HashMap;
use std::sync::Arc;

use hickory_proto::op::{Message, MessageType, OpCode, ResponseCode};
use hickory_proto::rr::rdata::TXT;
use hickory_proto::rr::{RData, Record, RecordType};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, UdpSocket};

/// TXT values by lower-case name with a trailing dot; each value is a list of chunks.
pub(super) type Zone = HashMap<String, Vec<Vec<String>>>;

/// Binds UDP and TCP on one loopback port.
pub(super) async fn bind() -> std::io::Result<(UdpSocket, TcpListener)> {
    let mut last = None;
    for _ in 0..50 {
        let udp = UdpSocket::bind("127.0.0.1:0").await?;
        let addr = udp.local_addr()?;
        match TcpListener::bind(addr).await {
            Ok(tcp) => return Ok((udp, tcp)),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("cannot bind DNS ports")))
}

/// Serves `zone` until the runtime stops.
pub(super) fn serve(udp: UdpSocket, tcp: TcpListener, zone: Arc<Zone>) {
    let udp = Arc::new(udp);
    let z = zone.clone();
    tokio::spawn(async move {
        let mut buf = vec![0u8; 4096];
        loop {
            let Ok((n, peer)) = udp.recv_from(&mut buf).await else {
                continue;
            };
            if let Some(reply) = answer(&z, buf.get(..n).unwrap_or_default()) {
                let _ = udp.send_to(&reply, peer).await;
            }
        }
    });
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = tcp.accept().await else {
                continue;
            };
            let zone = zone.clone();
            tokio::spawn(async move {
                loop {
                    let mut len = [0u8; 2];
                    if stream.read_exact(&mut len).await.is_err() {
                        return;
                    }
                    let mut msg = vec![0u8; usize::from(u16::from_be_bytes(len))];
                    if stream.read_exact(&mut msg).await.is_err() {
                        return;
                    }
                    let Some(reply) = answer(&zone, &msg) else {
                        return;
                    };
                    let Ok(n) = u16::try_from(reply.len()) else {
                        return;
                    };
                    if stream.write_all(&n.to_be_bytes()).await.is_err()
                        || stream.write_all(&reply).await.is_err()
                    {
                        return;
                    }
                }
            });
        }
    });
}

/// The response to one query message.
fn answer(zone: &Zone, request: &[u8]) -> Option<Vec<u8>> {
    let request = Message::from_vec(request).ok()?;
    let mut response = Message::new();
    response
        .set_id(request.id())
        .set_message_type(MessageType::Response)
        .set_op_code(OpCode::Query)
        .set_authoritative(true)
        .set_recursion_desired(request.recursion_desired())
        .set_recursion_available(false);
    let Some(query) = request.queries().first() else {
        response.set_response_code(ResponseCode::FormErr);
        return response.to_vec().ok();
    };
    response.add_query(query.clone());
    let name = query.name().to_ascii().to_ascii_lowercase();
    match zone.get(&name) {
        None => {
            response.set_response_code(ResponseCode::NXDomain);
        }
        Some(values) => {
            response.set_response_code(ResponseCode::NoError);
            if query.query_type() == RecordType::TXT {
                for chunks in values {
                    response.add_answer(Record::from_rdata(
                        query.name().clone(),
                        60,
                        RData::TXT(TXT::new(chunks.clone())),
                    ));
                }
            }
        }
    }
    response.to_vec().ok()
}
